using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SQS;
using Pipeline.Aws.Tests.Sqs;
using Pipeline.Aws.Tests.Support;

namespace Pipeline.Aws.Tests.EndToEnd;

/// <summary>
/// The whole system on the emulators, started as the README says (the AppHost passes its environment on):
/// lake on S3, arrivals on SQS, state on DynamoDB, engines local. S3 sends no notifications in the emulator,
/// so <see cref="PutRawAsync"/> delivers the event to the queue itself, as S3 would.
/// </summary>
public sealed class AwsSystem : IAsyncDisposable
{
    const string Prefix = "pipeline";
    readonly AwsEmulators emulators;
    readonly IAmazonS3 s3;

    AwsSystem(AwsEmulators emulators, string bucket, string queue, string deadLetters, IAmazonSQS sqs)
    {
        this.emulators = emulators;
        s3 = emulators.CreateS3();
        Bucket = bucket;
        Queue = queue;
        DeadLetters = deadLetters;
        Sqs = sqs;
    }

    public string Bucket { get; }

    public string Queue { get; }

    public string DeadLetters { get; }

    /// <summary>The test's own client of the emulator's queues.</summary>
    public IAmazonSQS Sqs { get; }

    public TempFolder Data { get; } = new();

    public AppHostProcess Host { get; private set; } = null!;

    public PipelineClient Api { get; private set; } = null!;

    /// <summary>Creates the bucket and queues, then starts the AppHost with the AWS adapters selected.</summary>
    public static async Task<AwsSystem> StartAsync(
        AwsEmulators emulators, IDictionary<string, string>? extra = null, CancellationToken cancellationToken = default)
    {
        var id = Guid.NewGuid().ToString("N")[..10];
        var sqs = emulators.CreateSqs();
        var (queue, dlq) = await SqsQueues.CreateWithDeadLettersAsync(sqs, maxReceiveCount: 3, cancellationToken);
        var system = new AwsSystem(emulators, "lake-" + id, queue, dlq, sqs);
        await system.s3.PutBucketAsync(system.Bucket, cancellationToken);
        var environment = new Dictionary<string, string>(emulators.Environment)
        {
            ["Pipeline__Lake"] = "S3",
            ["Pipeline__S3__Bucket"] = system.Bucket,
            ["Pipeline__S3__Prefix"] = Prefix,
            ["Pipeline__Arrivals"] = "Sqs",
            ["Pipeline__Sqs__QueueName"] = queue[(queue.LastIndexOf('/') + 1)..],
            ["Pipeline__State"] = "DynamoDb",
            ["Pipeline__DynamoDb__TablePrefix"] = $"e2e-{id}-",
            ["Pipeline__DynamoDb__CreateTables"] = "true",
            // The Api asks for API keys with the AWS profile (where it has them); these tests call it without one.
            ["Pipeline__Auth__Mode"] = "Disabled",
            // Each reconciliation pass logs its end at Debug: tests wait for it.
            ["Logging__LogLevel__Pipeline.Silo.Arrivals.RawZoneReconciliation"] = "Debug",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        system.Host = AppHostProcess.Start(system.Data.Path, environment);
        await system.Host.WaitReadyAsync(TimeSpan.FromSeconds(120));
        system.Api = new PipelineClient(system.Host.ApiUrl);
        return system;
    }

    /// <summary>Puts a file into the raw zone with S3 PutObject and sends the notification S3 would send; returns the message body.</summary>
    public async Task<string> PutRawAsync(string dataset, string name, byte[] content, CancellationToken cancellationToken = default)
    {
        var key = $"{Prefix}/raw/{dataset}/{name}";
        var put = await s3.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = key, InputStream = new MemoryStream(content) }, cancellationToken);
        var notification = S3Events.Notification(Bucket, (Uri.EscapeDataString(key).Replace("%2F", "/", StringComparison.Ordinal).Replace("%20", "+", StringComparison.Ordinal),
            content.Length, put.ETag.Trim('"')));
        await Sqs.SendMessageAsync(Queue, notification, cancellationToken);
        return notification;
    }

    /// <summary>Waits until a reconciliation pass over <paramref name="dataset"/>'s raw zone has ended, as the silo logs it.</summary>
    public Task WaitReconcilePassAsync(string dataset, TimeSpan timeout) =>
        Host.WaitForLineAsync($@"silo\s*\|.*Reconciliation pass over {dataset} ended", timeout);

    /// <summary>Waits until the queue holds no message, visible or in flight (every notification handled and deleted).</summary>
    public Task WaitQueueDrainedAsync(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        Eventually.HoldsAsync(async () => await SqsQueues.CountsAsync(Sqs, Queue, cancellationToken) == (0, 0), timeout, "the queue drained");

    /// <summary>The keys of the objects under a zone (lake keys, without the prefix).</summary>
    public async Task<List<string>> KeysAsync(string zonePrefix)
    {
        var list = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Bucket, Prefix = $"{Prefix}/{zonePrefix}" });
        return (list.S3Objects ?? []).Select(o => o.Key[(Prefix.Length + 1)..]).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        Api?.Dispose();
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        s3.Dispose();
        Sqs.Dispose();
        Data.Dispose();
        _ = emulators;
    }
}
