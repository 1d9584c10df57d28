using Pipeline.Aws.Sqs;
using Pipeline.Aws.Tests.Support;

namespace Pipeline.Aws.Tests.Sqs;

[Collection(AwsCollection.Name)]
public sealed class SqsArrivalFeedTests(AwsEmulators emulators)
{
    static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    static SqsOptions Options(int visibilitySeconds = 5) =>
        new() { WaitTimeSeconds = 1, VisibilityTimeout = TimeSpan.FromSeconds(visibilitySeconds), RetryDelay = TimeSpan.Zero };

    [Fact]
    public async Task Notification_SeveralRecords_RecordedPerDatasetThenDeleted()
    {
        await using var feed = await SqsFeedHarness.CreateAsync(emulators);
        await feed.Sqs.SendMessageAsync(feed.Queue, S3Events.Notification(feed.Bucket,
            ("raw/trips/jan+2024.csv", 10, "aa"), ("raw/orders/o.json", 20, "bb"), ("raw/trips/b.csv", 30, "cc")));

        await feed.StartAsync(Options());
        await Eventually.HoldsAsync(() => feed.Metrics.Sum("pipeline.sqs.messages") == 1, Wait, "the message handled");

        var calls = feed.Sink.Calls.ToDictionary(c => c.Dataset, c => c.Notices.Select(n => (n.Key, n.ETag, n.Size)).ToList());
        Assert.Equal([("raw/trips/jan 2024.csv", "aa", 10L), ("raw/trips/b.csv", "cc", 30L)], calls["trips"]);
        Assert.Equal([("raw/orders/o.json", "bb", 20L)], calls["orders"]);
        Assert.Equal(1, feed.Metrics.Sum("pipeline.sqs.messages", "pipeline.sqs.outcome", "recorded"));
        Assert.Equal(0, await feed.VisibleAsync(feed.Queue));
    }

    [Fact]
    public async Task RecordingFails_MessageKeptAndHandledAgain_DeletedOnceRecorded()
    {
        await using var feed = await SqsFeedHarness.CreateAsync(emulators, maxReceiveCount: 5);
        feed.Sink.FailuresLeft = 1;
        await feed.Sqs.SendMessageAsync(feed.Queue, S3Events.Notification(feed.Bucket, ("raw/trips/a.csv", 1, "e1")));

        await feed.StartAsync(Options());
        await Eventually.HoldsAsync(() => feed.Metrics.Sum("pipeline.sqs.messages", "pipeline.sqs.outcome", "recorded") == 1, Wait, "recorded");

        Assert.Equal(2, feed.Sink.Calls.Count);
        Assert.Equal(1, feed.Metrics.Sum("pipeline.sqs.messages", "pipeline.sqs.outcome", "failed"));
        Assert.Equal(1, feed.Sink.Count);
        Assert.Equal(0, await feed.VisibleAsync(feed.Queue));
        Assert.Equal(0, await feed.VisibleAsync(feed.DeadLetters));
    }

    [Fact]
    public async Task PoisonMessage_NotDeleted_RedrivenToTheDeadLetterQueueAndReported()
    {
        await using var feed = await SqsFeedHarness.CreateAsync(emulators, maxReceiveCount: 2);
        await feed.Sqs.SendMessageAsync(feed.Queue, "this is not an S3 event");

        await feed.StartAsync(Options());
        await Eventually.HoldsAsync(async () => await feed.VisibleAsync(feed.DeadLetters) == 1, Wait, "the message in the dead-letter queue");

        Assert.Equal(0, await feed.VisibleAsync(feed.Queue));
        Assert.Empty(feed.Sink.Calls);
        Assert.Equal(2, feed.Metrics.Sum("pipeline.sqs.messages", "pipeline.sqs.outcome", "poison"));
        Assert.Equal(1, feed.Metrics.Sum("pipeline.sqs.dead_letters"));
        Assert.Contains(feed.Log.Entries, e => e.Event == "LogDeadLettered" && e.Message.Contains("dead-letter queue", StringComparison.Ordinal));
        Assert.Contains(feed.Log.Entries, e => e.Event == "LogPoison");
    }

    [Fact]
    public async Task SlowRecording_VisibilityExtended_MessageNotDeliveredTwice()
    {
        await using var feed = await SqsFeedHarness.CreateAsync(emulators);
        feed.Sink.Delay = TimeSpan.FromSeconds(5);
        await feed.Sqs.SendMessageAsync(feed.Queue, S3Events.Notification(feed.Bucket, ("raw/trips/a.csv", 1, "e1")));

        await feed.StartAsync(Options(visibilitySeconds: 2));
        await Eventually.HoldsAsync(() => !feed.Sink.Calls.IsEmpty, Wait, "recording started");
        await Task.Delay(3500);
        var visibleWhileHandled = await feed.VisibleAsync(feed.Queue);
        await Eventually.HoldsAsync(() => feed.Metrics.Sum("pipeline.sqs.messages") == 1, Wait, "the message handled");

        Assert.Equal(0, visibleWhileHandled);
        Assert.Single(feed.Sink.Calls);
        Assert.True(feed.Metrics.Sum("pipeline.sqs.visibility_extensions") >= 2);
        Assert.Equal(0, await feed.VisibleAsync(feed.Queue));
    }

    [Fact]
    public async Task TestEventOtherZonesAndUnknownDatasets_DeletedWithoutArrivals()
    {
        await using var feed = await SqsFeedHarness.CreateAsync(emulators);
        feed.Sink.Unknown.Add("ghost");
        await feed.Sqs.SendMessageAsync(feed.Queue, S3Events.TestEvent(feed.Bucket));
        await feed.Sqs.SendMessageAsync(feed.Queue, S3Events.Notification(feed.Bucket, ("processed/trips/x.parquet", 1, "e")));
        await feed.Sqs.SendMessageAsync(feed.Queue, S3Events.Notification(feed.Bucket, ("raw/ghost/a.csv", 1, "e")));

        await feed.StartAsync(Options());
        await Eventually.HoldsAsync(() => feed.Metrics.Sum("pipeline.sqs.messages") == 3, Wait, "three messages handled");

        Assert.Equal(2, feed.Metrics.Sum("pipeline.sqs.messages", "pipeline.sqs.outcome", "ignored"));
        Assert.Equal("ghost", Assert.Single(feed.Sink.Calls).Dataset);
        Assert.Equal(0, feed.Sink.Count);
        Assert.Equal(0, await feed.VisibleAsync(feed.Queue));
    }
}
