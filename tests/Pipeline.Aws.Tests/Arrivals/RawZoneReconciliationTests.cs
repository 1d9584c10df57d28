using Microsoft.Extensions.Options;
using Pipeline.Aws.S3;
using Pipeline.Aws.Tests.Support;
using Pipeline.Silo.Arrivals;

namespace Pipeline.Aws.Tests.Arrivals;

/// <summary>The reconciliation listing over the S3 lake: catches lost notifications with a bounded number of LIST requests.</summary>
[Collection(AwsCollection.Name)]
public sealed class RawZoneReconciliationTests(AwsEmulators emulators) : IAsyncLifetime
{
    TestBucket bucket = null!;
    readonly FakeArrivalSink sink = new();
    readonly MetricCapture metrics = new();

    public async Task InitializeAsync() => bucket = await TestBucket.CreateAsync(emulators);

    public Task DisposeAsync()
    {
        bucket.Dispose();
        metrics.Dispose();
        return Task.CompletedTask;
    }

    RawZoneReconciliation CreateSut(S3LakeStore lake, int maxObjects = 10_000) =>
        new(lake, sink, Options.Create(new ReconcileOptions { MaxObjectsPerPass = maxObjects }), new ReconcileMetrics(metrics.Factory),
            new ListLogger<RawZoneReconciliation>());

    long ListRequests => bucket.Metrics.Sum("pipeline.lake.list.requests");

    [Fact]
    public async Task PassAsync_FilesNoNotificationReported_RecordedOnceAndNotAskedAgain()
    {
        var lake = bucket.Store(prefix: "env");
        await PutAsync(lake, "trips", 5);
        await lake.PutAsync("raw/trips/_staging/x.csv", new MemoryStream([1]), 10);
        await lake.PutAsync("raw/trips/y.csv.tmp", new MemoryStream([1]), 10);
        await lake.PutAsync("raw/other/z.csv", new MemoryStream([1]), 10);
        var sut = CreateSut(lake);

        var first = await sut.PassAsync("trips");
        var second = await sut.PassAsync("trips");

        Assert.Equal((5, 0), (first, second));
        var call = Assert.Single(sink.Calls);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"raw/trips/f{i:D3}.csv"), call.Notices.Select(n => n.Key));
        Assert.All(call.Notices, n => Assert.Matches("^[0-9a-f]{32}$", n.ETag));
        Assert.Equal(5, metrics.Sum("pipeline.arrivals.reconcile.recorded"));
    }

    [Fact]
    public async Task PassAsync_RawZoneLargerThanOnePass_BoundedListingResumesWhereItStopped()
    {
        var lake = bucket.Store(pageSize: 10);
        await PutAsync(lake, "trips", 45);
        var sut = CreateSut(lake, maxObjects: 20);
        var before = ListRequests;

        var passes = new List<(int Recorded, long Requests)>();
        for (var i = 0; i < 4; i++)
        {
            var start = ListRequests;
            passes.Add((await sut.PassAsync("trips"), ListRequests - start));
        }

        Assert.Equal([(20, 2L), (20, 2L), (5, 1L), (0, 2L)], passes);
        Assert.Equal(45, sink.Count);
        Assert.Equal(7, ListRequests - before);
        Assert.Equal(3, sink.Calls.Count);
    }

    [Fact]
    public async Task PassAsync_DatasetNotRegisteredYet_FoundOnceItIs()
    {
        var lake = bucket.Store();
        await PutAsync(lake, "trips", 2);
        sink.Unknown.Add("trips");
        var sut = CreateSut(lake);

        var before = await sut.PassAsync("trips");
        sink.Unknown.Clear();
        var after = await sut.PassAsync("trips");

        Assert.Equal((0, 2), (before, after));
    }

    [Fact]
    public async Task PassAsync_ObjectReplacedWithNewContent_IsANewArrival()
    {
        var lake = bucket.Store();
        await lake.PutAsync("raw/trips/a.csv", new MemoryStream("v1"u8.ToArray()), 10);
        var sut = CreateSut(lake);
        await sut.PassAsync("trips");

        await lake.PutAsync("raw/trips/a.csv", new MemoryStream("v2"u8.ToArray()), 10);

        Assert.Equal(1, await sut.PassAsync("trips"));
        Assert.Equal(2, sink.Count);
    }

    static async Task PutAsync(S3LakeStore lake, string dataset, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await lake.PutAsync($"raw/{dataset}/f{i:D3}.csv", new MemoryStream(System.Text.Encoding.UTF8.GetBytes($"n\n{i}\n")), 100);
        }
    }
}
