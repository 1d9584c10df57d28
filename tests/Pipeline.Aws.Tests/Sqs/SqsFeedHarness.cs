using Microsoft.Extensions.Options;
using Pipeline.Aws.S3;
using Pipeline.Aws.Sqs;
using Pipeline.Aws.Tests.Support;

namespace Pipeline.Aws.Tests.Sqs;

/// <summary>The SQS feed wired as the silo does, over a fresh queue (with a dead-letter queue) and bucket, with a fake sink.</summary>
public sealed class SqsFeedHarness : IAsyncDisposable
{
    readonly TestBucket bucket;
    SqsArrivalFeed? feed;

    SqsFeedHarness(AwsEmulators emulators, TestBucket bucket, string queue, string deadLetters)
    {
        this.bucket = bucket;
        Sqs = SqsQueues.Client(emulators);
        Queue = queue;
        DeadLetters = deadLetters;
    }

    public SqsClient Sqs { get; }

    public string Queue { get; }

    public string DeadLetters { get; }

    public string Bucket => bucket.Name;

    public FakeArrivalSink Sink { get; } = new();

    public MetricCapture Metrics { get; } = new();

    public ListLogger<SqsBatchHandler> Log { get; } = new();

    public static async Task<SqsFeedHarness> CreateAsync(AwsEmulators emulators, int maxReceiveCount = 2)
    {
        var (queue, dlq) = await SqsQueues.CreateWithDeadLettersAsync(SqsQueues.Client(emulators), maxReceiveCount);
        return new SqsFeedHarness(emulators, await TestBucket.CreateAsync(emulators), queue, dlq);
    }

    /// <summary>Starts the feed with these options (queue URL set here).</summary>
    public async Task StartAsync(SqsOptions options)
    {
        options.QueueUrl = Queue;
        var metrics = new SqsMetrics(Metrics.Factory);
        var handler = new SqsBatchHandler(Sqs, Sink, bucket.Store(), new RawArrivalFilter(Bucket, new S3Keys("")), Options.Create(options),
            TimeProvider.System, metrics, Log);
        feed = new SqsArrivalFeed(Sqs, handler, Options.Create(options), TimeProvider.System, metrics, new ListLogger<SqsArrivalFeed>());
        await feed.StartAsync(CancellationToken.None);
    }

    /// <summary>Messages visible in a queue right now (received and made visible again at once).</summary>
    public async Task<int> VisibleAsync(string queue)
    {
        var messages = await Sqs.ReceiveMessagesAsync(queue, 10, 0, TimeSpan.FromSeconds(30));
        foreach (var message in messages)
        {
            await Sqs.ChangeVisibilityAsync(queue, message.ReceiptHandle, TimeSpan.Zero);
        }

        return messages.Count;
    }

    /// <summary>Messages visible and in flight in a queue, read from its attributes: unlike a receive, it changes nothing.</summary>
    public async Task<(int Visible, int InFlight)> CountsAsync(string queue)
    {
        var counts = await Sqs.GetQueueAttributesAsync(queue, ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]);
        return (int.Parse(counts["ApproximateNumberOfMessages"], System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(counts["ApproximateNumberOfMessagesNotVisible"], System.Globalization.CultureInfo.InvariantCulture));
    }

    public async ValueTask DisposeAsync()
    {
        if (feed is not null)
        {
            await feed.StopAsync(CancellationToken.None);
            feed.Dispose();
        }

        Metrics.Dispose();
        bucket.Dispose();
    }
}
