using System.Globalization;
using System.Text.Json;
using Amazon.SQS;
using Amazon.SQS.Model;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Pipeline.Aws.Sqs;

/// <summary>
/// The arrival feed on AWS: long-polls the queue that receives the bucket's event notifications and hands
/// each batch to <see cref="SqsBatchHandler"/>. The queue's redrive policy (read at start) decides when a
/// message that keeps failing goes to the dead-letter queue.
/// </summary>
public sealed partial class SqsArrivalFeed(
    SqsClients clients, SqsBatchHandler handler, IOptions<SqsOptions> options, TimeProvider time, SqsMetrics metrics,
    ILogger<SqsArrivalFeed> logger) : BackgroundService
{
    static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    readonly IAmazonSQS sqs = clients.Feed;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var queueUrl = await RetryAsync("GetQueueUrl", QueueUrlAsync, stoppingToken);
        var maxReceiveCount = await RetryAsync("GetQueueAttributes", ct => MaxReceiveCountAsync(queueUrl, ct), stoppingToken);
        if (maxReceiveCount is null)
        {
            LogNoRedrive(logger, queueUrl);
        }

        LogListening(logger, queueUrl);
        await Task.WhenAll(Enumerable.Range(0, options.Value.Receivers).Select(_ => ReceiveLoopAsync(queueUrl, maxReceiveCount, stoppingToken)));
    }

    async Task ReceiveLoopAsync(string queueUrl, int? maxReceiveCount, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var messages = await RetryAsync("ReceiveMessage", ct => ReceiveAsync(queueUrl, ct), stoppingToken);
            try
            {
                if (messages.Count > 0)
                {
                    await handler.HandleAsync(queueUrl, messages, maxReceiveCount, stoppingToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // Whatever was not deleted reappears when its visibility timeout ends: nothing is lost.
                metrics.Failed("Handle");
                LogBatchFailed(logger, messages.Count, ex);
            }
        }
    }

    async Task<string> QueueUrlAsync(CancellationToken cancellationToken) => options.Value.QueueUrl is { Length: > 0 } url
        ? url
        : (await sqs.GetQueueUrlAsync(new GetQueueUrlRequest { QueueName = options.Value.QueueName }, cancellationToken)).QueueUrl;

    async Task<IReadOnlyList<Message>> ReceiveAsync(string queueUrl, CancellationToken cancellationToken)
    {
        var response = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
        {
            QueueUrl = queueUrl,
            MaxNumberOfMessages = options.Value.MaxMessages,
            WaitTimeSeconds = options.Value.WaitTimeSeconds,
            VisibilityTimeout = (int)Math.Ceiling(options.Value.VisibilityTimeout.TotalSeconds),
            MessageSystemAttributeNames = [SqsBatchHandler.ReceiveCountAttribute],
        }, cancellationToken);
        return response.Messages ?? [];
    }

    async Task<int?> MaxReceiveCountAsync(string queueUrl, CancellationToken cancellationToken)
    {
        var response = await sqs.GetQueueAttributesAsync(
            new GetQueueAttributesRequest { QueueUrl = queueUrl, AttributeNames = ["RedrivePolicy"] }, cancellationToken);
        if (response.Attributes?.GetValueOrDefault("RedrivePolicy") is not { } policy || string.IsNullOrWhiteSpace(policy))
        {
            return null;
        }

        var count = JsonDocument.Parse(policy).RootElement.GetProperty("maxReceiveCount");
        return count.ValueKind == JsonValueKind.Number ? count.GetInt32() : int.Parse(count.GetString()!, CultureInfo.InvariantCulture);
    }

    // Errors talking to SQS (network, throttling the SDK's own retries did not absorb, a queue not created yet)
    // are waited out with a growing back-off.
    async Task<T> RetryAsync<T>(string operation, Func<CancellationToken, Task<T>> call, CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (true)
        {
            try
            {
                return await call(stoppingToken);
            }
            catch (Exception ex) when (SqsFailure.IsRequestFailure(ex, stoppingToken) || ex is JsonException or FormatException)
            {
                metrics.Failed(operation);
                LogRequestFailed(logger, operation, delay.TotalSeconds, ex);
                await Task.Delay(delay, time, stoppingToken);
                delay = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, delay.Ticks * 2));
            }
        }
    }

    [LoggerMessage(EventId = 710, Level = LogLevel.Information, Message = "Receiving S3 event notifications from {QueueUrl}")]
    static partial void LogListening(ILogger logger, string queueUrl);

    [LoggerMessage(EventId = 711, Level = LogLevel.Warning,
        Message = "Queue {QueueUrl} has no redrive policy: a message that keeps failing is retried until it expires instead of going to a dead-letter queue")]
    static partial void LogNoRedrive(ILogger logger, string queueUrl);

    [LoggerMessage(EventId = 713, Level = LogLevel.Error, Message = "Handling {Count} message(s) failed; they will be received again")]
    static partial void LogBatchFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(EventId = 712, Level = LogLevel.Warning, Message = "SQS {Operation} failed; trying again in {DelaySeconds} s")]
    static partial void LogRequestFailed(ILogger logger, string operation, double delaySeconds, Exception exception);
}
