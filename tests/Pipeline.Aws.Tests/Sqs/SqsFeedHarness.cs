using Amazon.SQS;
using Microsoft.Extensions.Options;
using Pipeline.Aws.S3;
using Pipeline.Aws.Sqs;
using Pipeline.Aws.Tests.Support;

namespace Pipeline.Aws.Tests.Sqs;

/// <summary>The SQS feed wired as the silo does, over a fresh queue (with a dead-letter queue) and bucket, with a fake sink.</summary>
public sealed class SqsFeedHarness : IAsyncDisposable
{
    readonly AwsEmulators emulators;
    readonly TestBucket bucket;
    SqsClients? clients;
    SqsArrivalFeed? feed;

    SqsFeedHarness(AwsEmulators emulators, IAmazonSQS sqs, TestBucket bucket, string queue, string deadLetters)
    {
        this.emulators = emulators;
        this.bucket = bucket;
        Sqs = sqs;
        Queue = queue;
        DeadLetters = deadLetters;
    }

    /// <summary>The test's own client of the emulator.</summary>
    public IAmazonSQS Sqs { get; }

    public string Queue { get; }

    public string DeadLetters { get; }

    public string Bucket => bucket.Name;

    public FakeArrivalSink Sink { get; } = new();

    public MetricCapture Metrics { get; } = new();

    public ListLogger<SqsBatchHandler> Log { get; } = new();

    public static async Task<SqsFeedHarness> CreateAsync(AwsEmulators emulators, int maxReceiveCount = 2, CancellationToken cancellationToken = default)
    {
        var sqs = emulators.CreateSqs();
        var (queue, dlq) = await SqsQueues.CreateWithDeadLettersAsync(sqs, maxReceiveCount, cancellationToken);
        return new SqsFeedHarness(emulators, sqs, await TestBucket.CreateAsync(emulators), queue, dlq);
    }

    /// <summary>Starts the feed with these options (queue URL set here) and the clients the silo would build from them.</summary>
    public async Task StartAsync(SqsOptions options, CancellationToken cancellationToken = default)
    {
        options.QueueUrl = Queue;
        clients = SqsClients.Create(emulators.Settings, options);
        var metrics = new SqsMetrics(Metrics.Factory);
        var handler = new SqsBatchHandler(clients, Sink, bucket.Store(), new RawArrivalFilter(Bucket, new S3Keys("")), Options.Create(options),
            TimeProvider.System, metrics, Log);
        feed = new SqsArrivalFeed(clients, handler, Options.Create(options), TimeProvider.System, metrics, new ListLogger<SqsArrivalFeed>());
        await feed.StartAsync(cancellationToken);
    }

    /// <inheritdoc cref="SqsQueues.VisibleAsync"/>
    public Task<int> VisibleAsync(string queue, CancellationToken cancellationToken = default) => SqsQueues.VisibleAsync(Sqs, queue, cancellationToken);

    /// <inheritdoc cref="SqsQueues.CountsAsync"/>
    public Task<(int Visible, int InFlight)> CountsAsync(string queue, CancellationToken cancellationToken = default) =>
        SqsQueues.CountsAsync(Sqs, queue, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (feed is not null)
        {
            await feed.StopAsync(CancellationToken.None);
            feed.Dispose();
        }

        clients?.Dispose();
        Sqs.Dispose();
        Metrics.Dispose();
        bucket.Dispose();
    }
}
