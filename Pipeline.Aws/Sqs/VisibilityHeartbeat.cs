namespace Pipeline.Aws.Sqs;

/// <summary>
/// Keeps messages hidden while they are being handled: every third of the visibility timeout it extends
/// each message's timeout again (ChangeMessageVisibility), until disposed.
/// </summary>
internal sealed class VisibilityHeartbeat : IAsyncDisposable
{
    readonly CancellationTokenSource stop = new();
    readonly Task loop;

    VisibilityHeartbeat(SqsClient sqs, string queueUrl, IReadOnlyList<SqsMessage> messages, TimeSpan timeout, TimeProvider time, SqsMetrics metrics)
    {
        loop = RunAsync(sqs, queueUrl, messages, timeout, time, metrics, stop.Token);
    }

    /// <summary>Starts extending the visibility of <paramref name="messages"/>.</summary>
    public static VisibilityHeartbeat Start(
        SqsClient sqs, string queueUrl, IReadOnlyList<SqsMessage> messages, TimeSpan timeout, TimeProvider time, SqsMetrics metrics) =>
        new(sqs, queueUrl, messages, timeout, time, metrics);

    static async Task RunAsync(
        SqsClient sqs, string queueUrl, IReadOnlyList<SqsMessage> messages, TimeSpan timeout, TimeProvider time, SqsMetrics metrics,
        CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(timeout / 3, time, cancellationToken);
                foreach (var message in messages)
                {
                    try
                    {
                        await sqs.ChangeVisibilityAsync(queueUrl, message.ReceiptHandle, timeout, cancellationToken);
                        metrics.Extended();
                    }
                    catch (Exception ex) when (ex is SqsException or HttpRequestException
                        || ex is TaskCanceledException && !cancellationToken.IsCancellationRequested)
                    {
                        // The message may reappear (also after a request timed out); handling it twice is harmless
                        // (arrivals are idempotent), failing the whole batch for it is not.
                        metrics.Failed("ChangeMessageVisibility");
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await loop;
        stop.Dispose();
    }
}
