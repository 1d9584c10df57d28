using System.Globalization;
using Amazon.SQS;
using Amazon.SQS.Model;
using Microsoft.Extensions.Logging;

namespace Pipeline.Aws.Sqs;

/// <summary>
/// Keeps messages hidden while they are being handled: every third of the visibility timeout it extends
/// their timeout again (ChangeMessageVisibilityBatch), until disposed. The client makes one attempt per
/// beat (<see cref="SqsClients.Heartbeat"/>): a throttled, failed or timed-out extension is counted and
/// the next beat is the retry, so two beats in a row may fail before a message can reappear.
/// </summary>
internal sealed partial class VisibilityHeartbeat : IAsyncDisposable
{
    const string Operation = "ChangeMessageVisibilityBatch";
    readonly CancellationTokenSource stop = new();
    readonly Task loop;

    VisibilityHeartbeat(Beat beat, TimeProvider time)
    {
        loop = RunAsync(beat, time, stop.Token);
    }

    /// <summary>Starts extending the visibility of <paramref name="messages"/>.</summary>
    public static VisibilityHeartbeat Start(IAmazonSQS sqs, string queueUrl, IReadOnlyList<Message> messages, TimeSpan timeout, TimeProvider time,
        SqsMetrics metrics, ILogger logger) =>
        new(new Beat(sqs, queueUrl, messages, timeout, metrics, logger), time);

    static async Task RunAsync(Beat beat, TimeProvider time, CancellationToken cancellationToken)
    {
        // A period that does not drift: a slow beat never pushes the next one later.
        using var timer = new PeriodicTimer(beat.Timeout / 3, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                foreach (var batch in beat.Messages.Chunk(10))
                {
                    await ExtendAsync(beat, batch, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    static async Task ExtendAsync(Beat beat, Message[] batch, CancellationToken cancellationToken)
    {
        var seconds = (int)Math.Ceiling(beat.Timeout.TotalSeconds);
        try
        {
            var response = await beat.Sqs.ChangeMessageVisibilityBatchAsync(new ChangeMessageVisibilityBatchRequest
            {
                QueueUrl = beat.QueueUrl,
                Entries = [.. batch.Select((m, i) => new ChangeMessageVisibilityBatchRequestEntry(i.ToString(CultureInfo.InvariantCulture), m.ReceiptHandle)
                {
                    VisibilityTimeout = seconds,
                })],
            }, cancellationToken);
            beat.Metrics.Extended(response.Successful?.Count ?? 0);
            foreach (var failed in response.Failed ?? [])
            {
                beat.Metrics.Failed(Operation);
                LogNotExtended(beat.Logger, batch[int.Parse(failed.Id, CultureInfo.InvariantCulture)].MessageId, failed.Code);
            }
        }
        catch (Exception ex) when (SqsFailure.IsRequestFailure(ex, cancellationToken))
        {
            // Handling a message twice is harmless (arrivals are idempotent); failing the batch for this is not.
            beat.Metrics.Failed(Operation);
            LogExtensionFailed(beat.Logger, batch.Length, ex);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await loop;
        stop.Dispose();
    }

    sealed record Beat(IAmazonSQS Sqs, string QueueUrl, IReadOnlyList<Message> Messages, TimeSpan Timeout, SqsMetrics Metrics, ILogger Logger);

    [LoggerMessage(EventId = 706, Level = LogLevel.Warning,
        Message = "Extending the visibility of {Count} message(s) failed; the next beat tries again")]
    static partial void LogExtensionFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(EventId = 707, Level = LogLevel.Warning, Message = "The visibility of message {MessageId} was not extended: {Code}")]
    static partial void LogNotExtended(ILogger logger, string messageId, string code);
}
