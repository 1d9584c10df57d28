using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Pipeline.Aws.S3;

/// <summary>The S3 lake's span source and instruments (meter <c>Pipeline.Aws.S3</c>).</summary>
public sealed class S3LakeMetrics : IDisposable
{
    /// <summary>The activity source and meter name.</summary>
    public const string Name = "Pipeline.Aws.S3";

    /// <summary>Spans of lake operations.</summary>
    public static readonly ActivitySource Source = new(Name);

    readonly Meter meter;
    readonly Counter<long> listRequests;
    readonly Counter<long> uploads;
    readonly Counter<long> downloads;
    readonly Counter<long> evicted;

    /// <summary>Creates the instruments.</summary>
    public S3LakeMetrics(IMeterFactory factory)
    {
        meter = factory.Create(Name);
        listRequests = meter.CreateCounter<long>("pipeline.lake.list.requests", "{request}", "LIST requests sent to S3, by zone");
        uploads = meter.CreateCounter<long>("pipeline.lake.uploads", "{object}", "Objects written to S3, by kind (single, multipart)");
        downloads = meter.CreateCounter<long>("pipeline.lake.downloads", "{object}", "Local copies requested, by outcome (downloaded, cached)");
        evicted = meter.CreateCounter<long>("pipeline.lake.cache.evicted", "By", "Bytes of local copies deleted to keep the cache within its size");
    }

    /// <summary>One LIST request.</summary>
    public void Listed(string zone) => listRequests.Add(1, new KeyValuePair<string, object?>("pipeline.lake.zone", zone));

    /// <summary>One object written.</summary>
    public void Uploaded(bool multipart) =>
        uploads.Add(1, new KeyValuePair<string, object?>("pipeline.lake.upload", multipart ? "multipart" : "single"));

    /// <summary>One local copy served.</summary>
    public void LocalCopy(bool downloaded) =>
        downloads.Add(1, new KeyValuePair<string, object?>("pipeline.lake.outcome", downloaded ? "downloaded" : "cached"));

    /// <summary>Local copies deleted to keep the cache within its size.</summary>
    public void Evicted(long bytes) => evicted.Add(bytes);

    /// <inheritdoc />
    public void Dispose() => meter.Dispose();
}
