using System.Diagnostics;
using Amazon.SQS.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.Core.Datasets;
using Pipeline.Core.Lake;

namespace Pipeline.Aws.Sqs;

/// <summary>
/// Handles one received batch: reads the events, records the arrivals per dataset through the sink, and
/// deletes a message only once every arrival it reports is recorded. A message that cannot be handled is
/// left in the queue, hidden for a back-off, so its receive count grows until the queue's redrive policy
/// moves it to the dead-letter queue; a message that is not an event at all is made visible at once.
/// </summary>
public sealed partial class SqsBatchHandler(
    SqsClients clients, IArrivalSink sink, ILakeStore lake, RawArrivalFilter filter, IOptions<SqsOptions> options, TimeProvider time,
    SqsMetrics metrics, ILogger<SqsBatchHandler> logger)
{
    /// <summary>The system attribute holding how often a message was received.</summary>
    public const string ReceiveCountAttribute = "ApproximateReceiveCount";

    enum Outcome { Recorded, Ignored, Failed, Poison }

    /// <summary>Handles <paramref name="messages"/>; <paramref name="maxReceiveCount"/> is the redrive policy's, if any.</summary>
    public async Task HandleAsync(string queueUrl, IReadOnlyList<Message> messages, int? maxReceiveCount, CancellationToken cancellationToken)
    {
        using var span = SqsMetrics.Source.StartActivity("sqs.handle");
        span?.SetTag("pipeline.sqs.messages", messages.Count);
        var outcomes = new Dictionary<Message, Outcome>();
        var byDataset = new Dictionary<string, List<(Message Message, ArrivalNotice Notice)>>(StringComparer.Ordinal);
        await using (VisibilityHeartbeat.Start(clients.Heartbeat, queueUrl, messages, options.Value.VisibilityTimeout, time, metrics, logger))
        {
            foreach (var message in messages)
            {
                outcomes[message] = await ReadAsync(message, byDataset, cancellationToken);
            }

            // Datasets are recorded side by side: each by its own grain, their storage writes committed together.
            var recorded = await Task.WhenAll(byDataset.Select(async d => (Entries: d.Value, Ok: await RecordAsync(d.Key, d.Value.Select(e => e.Notice).ToList(), cancellationToken))));
            foreach (var (entries, ok) in recorded)
            {
                if (!ok)
                {
                    entries.ForEach(e => outcomes[e.Message] = Outcome.Failed);
                }
            }
        }

        var done = outcomes.Where(o => o.Value is Outcome.Recorded or Outcome.Ignored).Select(o => o.Key).ToList();
        var undeleted = await DeleteAsync(queueUrl, done, cancellationToken);
        foreach (var (message, outcome) in outcomes)
        {
            if (outcome is Outcome.Failed or Outcome.Poison)
            {
                await ReleaseAsync(queueUrl, message, outcome == Outcome.Poison, maxReceiveCount, cancellationToken);
            }
            else if (undeleted.Contains(message))
            {
                LogNotDeleted(logger, message.MessageId);
            }

            metrics.Handled(outcome.ToString().ToLowerInvariant());
        }
    }

    async Task<Outcome> ReadAsync(
        Message message, Dictionary<string, List<(Message, ArrivalNotice)>> byDataset, CancellationToken cancellationToken)
    {
        IReadOnlyList<ObjectCreated> created;
        try
        {
            created = S3EventParser.Parse(message.Body);
        }
        catch (FormatException ex)
        {
            LogPoison(logger, message.MessageId, ReceiveCount(message), ex.Message);
            return Outcome.Poison;
        }

        var any = false;
        foreach (var item in created)
        {
            if (filter.Match(item) is not var (dataset, key))
            {
                continue;
            }

            var notice = await NoticeAsync(item, key, cancellationToken);
            if (notice is not null)
            {
                any = true;
                (byDataset.TryGetValue(dataset, out var list) ? list : byDataset[dataset] = []).Add((message, notice));
            }
        }

        return any ? Outcome.Recorded : Outcome.Ignored;
    }

    // Events carry the ETag; should one lack it, the object's own is the identity (gone: nothing to record).
    // The handling span's context goes with the notice, so the run's trace links back to the notification.
    async Task<ArrivalNotice?> NoticeAsync(ObjectCreated created, string key, CancellationToken cancellationToken) =>
        created.ETag.Length > 0
            ? new ArrivalNotice(key, created.ETag, created.Size, Activity.Current?.Id)
            : await lake.StatAsync(key, cancellationToken) is { } stat ? new ArrivalNotice(key, stat.ETag, stat.Size, Activity.Current?.Id) : null;
}
