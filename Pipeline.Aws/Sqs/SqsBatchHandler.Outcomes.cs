using System.Globalization;
using Amazon.SQS.Model;
using Microsoft.Extensions.Logging;
using Pipeline.Core.Datasets;

namespace Pipeline.Aws.Sqs;

public sealed partial class SqsBatchHandler
{
    static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(15);

    async Task<bool> RecordAsync(string dataset, List<ArrivalNotice> notices, CancellationToken cancellationToken)
    {
        try
        {
            var result = await sink.RecordAsync(dataset, notices.DistinctBy(n => (n.Key, n.ETag)).ToList(), cancellationToken);
            if (result is null)
            {
                LogNotRegistered(logger, dataset, notices.Count);
            }
            else if (result.Recorded > 0)
            {
                LogRecorded(logger, result.Recorded, dataset);
            }

            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogRecordFailed(logger, dataset, ex);
            return false;
        }
    }

    // The messages that could not be deleted; a failed request fails the batch (they all reappear).
    async Task<HashSet<Message>> DeleteAsync(string queueUrl, IReadOnlyList<Message> messages, CancellationToken cancellationToken)
    {
        var failed = new HashSet<Message>();
        foreach (var batch in messages.Chunk(10))
        {
            var response = await clients.Feed.DeleteMessageBatchAsync(new DeleteMessageBatchRequest
            {
                QueueUrl = queueUrl,
                Entries = [.. batch.Select((m, i) => new DeleteMessageBatchRequestEntry(i.ToString(CultureInfo.InvariantCulture), m.ReceiptHandle))],
            }, cancellationToken);
            failed.UnionWith((response.Failed ?? []).Select(f => batch[int.Parse(f.Id, CultureInfo.InvariantCulture)]));
        }

        return failed;
    }

    async Task ReleaseAsync(string queueUrl, Message message, bool poison, int? maxReceiveCount, CancellationToken cancellationToken)
    {
        var receiveCount = ReceiveCount(message);
        if (receiveCount >= maxReceiveCount)
        {
            metrics.DeadLettered();
            LogDeadLettered(logger, message.MessageId, receiveCount);
        }

        // Not an event: nothing will change, so let the redrive policy see it again at once (when there is one).
        var delay = poison && maxReceiveCount is not null
            ? TimeSpan.Zero
            : TimeSpan.FromTicks(Math.Min(MaxDelay.Ticks, options.Value.RetryDelay.Ticks * (1L << Math.Min(receiveCount - 1, 20))));
        try
        {
            await clients.Feed.ChangeMessageVisibilityAsync(
                new ChangeMessageVisibilityRequest(queueUrl, message.ReceiptHandle, (int)Math.Ceiling(delay.TotalSeconds)), cancellationToken);
        }
        catch (Exception ex) when (SqsFailure.IsRequestFailure(ex, cancellationToken))
        {
            // It reappears when its visibility timeout ends anyway.
            metrics.Failed("ChangeMessageVisibility");
        }
    }

    static int ReceiveCount(Message message) =>
        message.Attributes?.GetValueOrDefault(ReceiveCountAttribute) is { } text && int.TryParse(text, CultureInfo.InvariantCulture, out var count)
            ? count
            : 1;

    [LoggerMessage(EventId = 700, Level = LogLevel.Information, Message = "Recorded {Count} new arrival(s) of {DatasetId} from the queue")]
    static partial void LogRecorded(ILogger logger, int count, string datasetId);

    [LoggerMessage(EventId = 701, Level = LogLevel.Information,
        Message = "Dataset {DatasetId} is not registered: {Count} notification(s) dropped (the reconciliation listing finds the files once it is)")]
    static partial void LogNotRegistered(ILogger logger, string datasetId, int count);

    [LoggerMessage(EventId = 702, Level = LogLevel.Warning, Message = "Recording arrivals of {DatasetId} failed; their messages stay in the queue")]
    static partial void LogRecordFailed(ILogger logger, string datasetId, Exception exception);

    [LoggerMessage(EventId = 703, Level = LogLevel.Warning,
        Message = "Poison message {MessageId} (received {ReceiveCount} times) is not an S3 event: {Reason}")]
    static partial void LogPoison(ILogger logger, string messageId, int receiveCount, string reason);

    [LoggerMessage(EventId = 704, Level = LogLevel.Error,
        Message = "Message {MessageId} failed its last allowed receive ({ReceiveCount}): the redrive policy moves it to the dead-letter queue")]
    static partial void LogDeadLettered(ILogger logger, string messageId, int receiveCount);

    [LoggerMessage(EventId = 705, Level = LogLevel.Warning, Message = "Message {MessageId} was handled but could not be deleted; it will be handled again")]
    static partial void LogNotDeleted(ILogger logger, string messageId);
}
