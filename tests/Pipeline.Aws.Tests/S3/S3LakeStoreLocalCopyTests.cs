using System.Text;
using Pipeline.Aws.Tests.Support;
using Pipeline.Core.Lake;

namespace Pipeline.Aws.Tests.S3;

[Collection(AwsCollection.Name)]
public sealed class S3LakeStoreLocalCopyTests(AwsEmulators emulators) : IAsyncLifetime
{
    TestBucket bucket = null!;

    public async Task InitializeAsync() => bucket = await TestBucket.CreateAsync(emulators);

    public Task DisposeAsync()
    {
        bucket.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task GetLocalPathAsync_UnderTheZonesCacheFolder_DownloadedOnceThenReused()
    {
        var sut = bucket.Store(prefix: "x");
        await sut.PutAsync("raw/trips/a.csv", new MemoryStream("a,b\n1,2\n"u8.ToArray()), 100);

        var first = await sut.GetLocalPathAsync("raw/trips/a.csv");
        var second = await sut.GetLocalPathAsync("raw/trips/a.csv");

        Assert.Equal(first, second);
        Assert.Equal(Path.Combine(sut.LocalRoot(LakeLayout.Raw), "trips", "a.csv"), first);
        Assert.StartsWith(bucket.Cache.Path, sut.LocalRoot(LakeLayout.Processed), StringComparison.Ordinal);
        Assert.Equal("a,b\n1,2\n", await File.ReadAllTextAsync(first));
        Assert.Equal(1, bucket.Metrics.Sum("pipeline.lake.downloads", "pipeline.lake.outcome", "downloaded"));
        Assert.Equal(1, bucket.Metrics.Sum("pipeline.lake.downloads", "pipeline.lake.outcome", "cached"));
    }

    [Fact]
    public async Task GetLocalPathAsync_ObjectReplaced_DownloadsTheNewContent()
    {
        var sut = bucket.Store();
        await sut.PutAsync("raw/trips/a.csv", new MemoryStream("old"u8.ToArray()), 100);
        await sut.GetLocalPathAsync("raw/trips/a.csv");

        await bucket.Client.PutObjectAsync(new Amazon.S3.Model.PutObjectRequest { BucketName = bucket.Name, Key = "raw/trips/a.csv", ContentBody = "new!" });

        Assert.Equal("new!", await File.ReadAllTextAsync(await sut.GetLocalPathAsync("raw/trips/a.csv")));
    }

    [Fact]
    public async Task PutFileAsync_Move_UploadsAndKeepsTheFileAsTheLocalCopy()
    {
        using var work = new TempFolder();
        var file = Path.Combine(work.Path, "part-0.parquet");
        await File.WriteAllTextAsync(file, "parquet bytes");
        var sut = bucket.Store();

        var stored = await sut.PutFileAsync(file, "processed/trips/run-000001-part-0.parquet", move: true);
        var local = await sut.GetLocalPathAsync(stored.Key);

        Assert.False(File.Exists(file));
        Assert.Equal("parquet bytes", await File.ReadAllTextAsync(local));
        Assert.Equal(0, bucket.Metrics.Sum("pipeline.lake.downloads", "pipeline.lake.outcome", "downloaded"));
        Assert.Equal(stored.ETag, (await sut.StatAsync(stored.Key))!.ETag);
    }

    [Fact]
    public async Task PutFileAsync_Copy_LeavesTheFile()
    {
        using var work = new TempFolder();
        var file = Path.Combine(work.Path, "rows.csv");
        await File.WriteAllTextAsync(file, "quarantined");

        var stored = await bucket.Store().PutFileAsync(file, "quarantine/trips/run-000001/rows.csv", move: false);

        Assert.True(File.Exists(file));
        Assert.Equal(Encoding.UTF8.GetByteCount("quarantined"), stored.Size);
    }
}
