using Amazon.SQS;
using Pipeline.Aws.Configuration;

namespace Pipeline.Aws.Sqs;

/// <summary>
/// The feed's two SQS clients, from the AWS settings: region, the SDK's credential chain (or explicit
/// credentials), and the endpoint override (<c>AWS_ENDPOINT_URL_SQS</c>, <c>AWS_ENDPOINT_URL</c>).
/// <see cref="Feed"/> keeps the SDK's standard retries (throttling and server errors are retried with
/// jittered back-off before the feed's own back-off sees them). <see cref="Heartbeat"/> makes a single
/// attempt per call and gives up after <see cref="HeartbeatTimeout"/>: the heartbeat's next beat is its
/// retry, and a call that retried or hung on its own would push that beat past the visibility timeout.
/// </summary>
public sealed record SqsClients(IAmazonSQS Feed, IAmazonSQS Heartbeat) : IDisposable
{
    /// <summary>How long one feed request may take: longer than the longest long poll (20 s).</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(60);

    static readonly TimeSpan MaxHeartbeatTimeout = TimeSpan.FromSeconds(20);

    /// <summary>Both clients for the feed configured by <paramref name="options"/>.</summary>
    public static SqsClients Create(AwsSettings settings, SqsOptions options) => new(
        Create(settings, config => config.Timeout = RequestTimeout),
        Create(settings, config =>
        {
            config.MaxErrorRetry = 0;
            config.Timeout = HeartbeatTimeout(options.VisibilityTimeout);
        }));

    /// <summary>
    /// How long one visibility extension may take: a third of the visibility timeout (the beat's period), at
    /// most 20 s, so that a beat ends before the next one is due.
    /// </summary>
    public static TimeSpan HeartbeatTimeout(TimeSpan visibilityTimeout) =>
        TimeSpan.FromTicks(Math.Min(MaxHeartbeatTimeout.Ticks, visibilityTimeout.Ticks / 3));

    static AmazonSQSClient Create(AwsSettings settings, Action<AmazonSQSConfig> configure)
    {
        var config = new AmazonSQSConfig { RegionEndpoint = settings.Region };
        if (settings.EndpointFor("SQS") is { } endpoint)
        {
            config.ServiceURL = endpoint;
            config.AuthenticationRegion = settings.Region.SystemName;
        }

        configure(config);
        return settings.Credentials is { } credentials ? new AmazonSQSClient(credentials, config) : new AmazonSQSClient(config);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Feed.Dispose();
        Heartbeat.Dispose();
    }
}
