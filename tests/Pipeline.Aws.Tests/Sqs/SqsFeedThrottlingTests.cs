using Microsoft.Extensions.Options;
using Pipeline.Aws.S3;
using Pipeline.Aws.Sqs;
using Pipeline.Aws.Tests.Support;
using Pipeline.Core.Lake;

namespace Pipeline.Aws.Tests.Sqs;

/// <summary>The feed's own calls against a fake SQS: the SDK retries a throttled call first, the feed backs off after.</summary>
public sealed class SqsFeedThrottlingTests
{
    static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ReceiveThrottledThreeTimes_SdkAttemptsThreeTimesThenFeedBacksOffOnce_ArrivalRecordedAndDeleted()
    {
        await using var sqs = await FakeSqsServer.StartAsync();
        sqs.Script("ReceiveMessage", FakeSqsAnswer.Throttled, FakeSqsAnswer.Throttled, FakeSqsAnswer.Throttled,
            FakeSqsAnswer.Messages(S3Events.Notification("lake", ("raw/trips/a.csv", 10, "e1"))));
        var options = Options.Create(new SqsOptions
        {
            QueueUrl = new Uri(sqs.Url, "000000000000/arrivals").ToString(), WaitTimeSeconds = 1, VisibilityTimeout = TimeSpan.FromSeconds(30),
            Receivers = 1,
        });
        using var clients = SqsClients.Create(sqs.Settings, options.Value);
        using var capture = new MetricCapture();
        using var data = new TempFolder();
        var metrics = new SqsMetrics(capture.Factory);
        var sink = new FakeArrivalSink();
        var handler = new SqsBatchHandler(clients, sink, new LocalLakeStore(new LakeLayout(data.Path)), new RawArrivalFilter("lake", new S3Keys("")),
            options, TimeProvider.System, metrics, new ListLogger<SqsBatchHandler>());
        var log = new ListLogger<SqsArrivalFeed>();
        using var feed = new SqsArrivalFeed(clients, handler, options, TimeProvider.System, metrics, log);

        await feed.StartAsync(CancellationToken.None);
        try
        {
            await Eventually.HoldsAsync(() => sqs.Requests("DeleteMessageBatch") == 1, Wait, "the message deleted");
        }
        finally
        {
            await feed.StopAsync(CancellationToken.None);
        }

        Assert.Equal(1, sink.Count);
        Assert.Equal(1, capture.Sum("pipeline.sqs.messages", "pipeline.sqs.outcome", "recorded"));
        Assert.Equal(1, capture.Sum("pipeline.sqs.errors", "pipeline.sqs.operation", "ReceiveMessage"));
        Assert.Equal(1, log.Entries.Count(e => e.Event == "LogRequestFailed"));
        Assert.InRange(sqs.Requests("ReceiveMessage"), 4, 6);
    }
}
