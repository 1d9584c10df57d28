using Amazon.S3.Model;
using Pipeline.Aws.S3;
using Pipeline.Aws.Tests.Support;
using Pipeline.Tests.Support;

namespace Pipeline.Aws.Tests.S3;

[Collection(AwsCollection.Name)]
public sealed class S3LakeStoreCacheLimitTests(AwsEmulators emulators) : IAsyncLifetime
{
    const int CopyBytes = 400_000;

    readonly ManualTimeProvider time = new(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero));
    TestBucket bucket = null!;

    public async Task InitializeAsync()
    {
        bucket = await TestBucket.CreateAsync(emulators);
        foreach (var name in new[] { "a", "b", "c" })
        {
            await bucket.Client.PutObjectAsync(new PutObjectRequest
            {
                BucketName = bucket.Name,
                Key = $"processed/trips/{name}.parquet",
                InputStream = new MemoryStream(Enumerable.Repeat((byte)name[0], CopyBytes).ToArray()),
            });
        }
    }

    public Task DisposeAsync()
    {
        bucket.Dispose();
        return Task.CompletedTask;
    }

    // 1 MiB of cache for three 400 KB copies: one must go, and the 90% mark (943,718 bytes) is reached without a second.
    S3LakeStore Store()
    {
        var options = bucket.Options();
        options.CacheMaxBytes = 1 << 20;
        options.CacheKeepRecent = TimeSpan.FromMinutes(10);
        return new S3LakeStore(bucket.Client, options, bucket.Cache.Path, new S3LakeMetrics(bucket.Metrics.Factory), time);
    }

    [Fact]
    public async Task PruneCacheAsync_OverTheLimit_DeletesTheLeastRecentlyUsedCopyOnlyAndDownloadsItAgainWhenNeeded()
    {
        var sut = Store();
        var a = await sut.GetLocalPathAsync("processed/trips/a.parquet");
        time.Advance(TimeSpan.FromMinutes(1));
        var b = await sut.GetLocalPathAsync("processed/trips/b.parquet");
        time.Advance(TimeSpan.FromMinutes(19));
        var c = await sut.GetLocalPathAsync("processed/trips/c.parquet");

        await sut.PruneCacheAsync();

        Assert.False(File.Exists(a));
        Assert.True(File.Exists(b));
        Assert.True(File.Exists(c));
        var again = await sut.GetLocalPathAsync("processed/trips/a.parquet");
        Assert.Equal(CopyBytes, new FileInfo(again).Length);
        Assert.Equal((byte)'a', File.ReadAllBytes(again)[^1]);
        Assert.Equal(4, bucket.Metrics.Sum("pipeline.lake.downloads", "pipeline.lake.outcome", "downloaded"));
    }

    [Fact]
    public async Task PruneCacheAsync_CopiesUsedRecently_KeepsThemAllWhateverTheSize()
    {
        var sut = Store();
        string[] paths = [
            await sut.GetLocalPathAsync("processed/trips/a.parquet"),
            await sut.GetLocalPathAsync("processed/trips/b.parquet"),
            await sut.GetLocalPathAsync("processed/trips/c.parquet")];
        time.Advance(TimeSpan.FromMinutes(9));

        Assert.Equal(0, await sut.PruneCacheAsync());
        Assert.All(paths, p => Assert.True(File.Exists(p)));
    }

    [Fact]
    public async Task PruneCacheAsync_CopyUsedAgain_CountsAsRecent()
    {
        var sut = Store();
        var a = await sut.GetLocalPathAsync("processed/trips/a.parquet");
        time.Advance(TimeSpan.FromMinutes(1));
        var b = await sut.GetLocalPathAsync("processed/trips/b.parquet");
        time.Advance(TimeSpan.FromMinutes(19));
        await sut.GetLocalPathAsync("processed/trips/a.parquet");
        var c = await sut.GetLocalPathAsync("processed/trips/c.parquet");

        await sut.PruneCacheAsync();

        Assert.True(File.Exists(a));
        Assert.False(File.Exists(b));
        Assert.True(File.Exists(c));
    }
}
