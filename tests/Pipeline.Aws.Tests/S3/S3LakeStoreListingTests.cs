using System.Text;
using Pipeline.Aws.Tests.Support;
using Pipeline.Core.Lake;

namespace Pipeline.Aws.Tests.S3;

[Collection(AwsCollection.Name)]
public sealed class S3LakeStoreListingTests(AwsEmulators emulators) : IAsyncLifetime
{
    TestBucket bucket = null!;

    public async Task InitializeAsync() => bucket = await TestBucket.CreateAsync(emulators);

    public Task DisposeAsync()
    {
        bucket.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task ListAsync_MoreObjectsThanAPage_AllListedWithOneRequestPerPage()
    {
        var sut = bucket.Store(prefix: "p", pageSize: 10);
        await PutManyAsync(sut, "raw/trips", 25);
        await sut.PutAsync("raw/other/x.csv", new MemoryStream("x"u8.ToArray()), 100);

        var listed = await ToListAsync(sut.ListAsync("raw/trips/"));

        Assert.Equal(25, listed.Count);
        Assert.All(listed, o => Assert.StartsWith("raw/trips/f", o.Key, StringComparison.Ordinal));
        Assert.Equal(listed.Select(o => o.Key).Order(StringComparer.Ordinal), listed.Select(o => o.Key));
        Assert.Equal(3, bucket.Metrics.Sum("pipeline.lake.list.requests", "pipeline.lake.zone", "raw"));
    }

    [Fact]
    public async Task ListAfterAsync_FromAKey_ResumesAfterIt()
    {
        var sut = bucket.Store(pageSize: 4);
        await PutManyAsync(sut, "raw/trips", 10);

        var rest = await ToListAsync(sut.ListAfterAsync("raw/trips/", "raw/trips/f006.csv"));

        Assert.Equal(["raw/trips/f007.csv", "raw/trips/f008.csv", "raw/trips/f009.csv"], rest.Select(o => o.Key));
    }

    [Fact]
    public async Task ListAsync_ETagsAndSizes_MatchWhatPutReturned()
    {
        var sut = bucket.Store();
        var stored = await sut.PutAsync("curated/v/run.parquet", new MemoryStream(Encoding.UTF8.GetBytes("hello")), 100);

        var listed = Assert.Single(await ToListAsync(sut.ListAsync("curated/v/")));

        Assert.Equal((stored.Key, stored.ETag, stored.Size), (listed.Key, listed.ETag, listed.Size));
    }

    [Fact]
    public async Task DeleteAsync_ExistingAndMissing_RemovesWithoutError()
    {
        var sut = bucket.Store();
        await sut.PutAsync("processed/t/a.parquet", new MemoryStream([1, 2, 3]), 100);
        var local = await sut.GetLocalPathAsync("processed/t/a.parquet");

        await sut.DeleteAsync("processed/t/a.parquet");
        await sut.DeleteAsync("processed/t/never.parquet");

        Assert.Null(await sut.StatAsync("processed/t/a.parquet"));
        Assert.False(File.Exists(local));
    }

    [Fact]
    public void Keys_OutsideTheZones_AreRefused()
    {
        var sut = bucket.Store();

        Assert.Throws<ArgumentException>(() => sut.StatAsync("../etc/passwd").GetAwaiter().GetResult());
        Assert.Throws<ArgumentException>(() => sut.StatAsync("elsewhere/x").GetAwaiter().GetResult());
    }

    static async Task PutManyAsync(Pipeline.Aws.S3.S3LakeStore store, string folder, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await store.PutAsync($"{folder}/f{i:D3}.csv", new MemoryStream(Encoding.UTF8.GetBytes($"row {i}\n")), 1000);
        }
    }

    internal static async Task<List<LakeObject>> ToListAsync(IAsyncEnumerable<LakeObject> items)
    {
        var list = new List<LakeObject>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
