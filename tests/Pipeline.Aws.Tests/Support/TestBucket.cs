using Amazon.S3;
using Pipeline.Aws.S3;

namespace Pipeline.Aws.Tests.Support;

/// <summary>A fresh bucket on the emulator with a lake store over it and its own cache folder and metrics.</summary>
public sealed class TestBucket : IDisposable
{
    readonly AwsEmulators emulators;

    TestBucket(AwsEmulators emulators, string name)
    {
        this.emulators = emulators;
        Name = name;
        Client = emulators.CreateS3();
    }

    /// <summary>The bucket name.</summary>
    public string Name { get; }

    /// <summary>A raw S3 client of the emulator.</summary>
    public IAmazonS3 Client { get; }

    /// <summary>The local cache folder of the stores.</summary>
    public TempFolder Cache { get; } = new();

    /// <summary>Captured instruments of the stores.</summary>
    public MetricCapture Metrics { get; } = new();

    /// <summary>Creates a bucket with a unique name.</summary>
    public static async Task<TestBucket> CreateAsync(AwsEmulators emulators)
    {
        var bucket = new TestBucket(emulators, "lake-" + Guid.NewGuid().ToString("N")[..12]);
        await bucket.Client.PutBucketAsync(bucket.Name);
        return bucket;
    }

    /// <summary>A store over the bucket.</summary>
    public S3LakeStore Store(string? prefix = null, int partSize = S3LakeOptions.DefaultPartSize, int pageSize = 1000) =>
        new(Client, Options(prefix, partSize, pageSize), Cache.Path, new S3LakeMetrics(Metrics.Factory), TimeProvider.System);

    /// <summary>The options of <see cref="Store"/>.</summary>
    public S3LakeOptions Options(string? prefix = null, int partSize = S3LakeOptions.DefaultPartSize, int pageSize = 1000) =>
        new() { Bucket = Name, Prefix = prefix, PartSize = partSize, ListPageSize = pageSize };

    /// <inheritdoc />
    public void Dispose()
    {
        Client.Dispose();
        Metrics.Dispose();
        Cache.Dispose();
        _ = emulators;
    }
}
