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
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        feed.Sink.Gate = release.Task;
        await feed.Sqs.SendMessageAsync(feed.Queue, S3Events.Notification(feed.Bucket, ("raw/trips/a.csv", 1, "e1")));

        // 10 s of visibility, extended every third of it: the recording is held until four extensions have been
        // made, well past the 10 s the message was received with, and would have reappeared without them.
        (int Visible, int InFlight) whileHandled;
        try
        {
            await feed.StartAsync(Options(visibilitySeconds: 10));
            await Eventually.HoldsAsync(() => !feed.Sink.Calls.IsEmpty, Wait, "recording started");
            await Eventually.HoldsAsync(() => feed.Metrics.Sum("pipeline.sqs.visibility_extensions") >= 4, TimeSpan.FromSeconds(60),
                "four visibility extensions");
            whileHandled = await feed.CountsAsync(feed.Queue);
        }
        finally
        {
            release.TrySetResult();
        }

        await Eventually.HoldsAsync(() => feed.Metrics.Sum("pipeline.sqs.messages") == 1, Wait, "the message handled");

        Assert.Equal((0, 1), whileHandled);
        Assert.Single(feed.Sink.Calls);
        await Eventually.HoldsAsync(async () => await feed.CountsAsync(feed.Queue) == (0, 0), Wait, "the message deleted");
        Assert.Single(feed.Sink.Calls);
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
