using Pipeline.Aws.Tests.Support;
using Pipeline.Core.Datasets;

namespace Pipeline.Aws.Tests.DynamoDb;

[Collection(AwsCollection.Name)]
public sealed class DynamoDbArrivalLogTests(AwsEmulators emulators) : IDisposable
{
    static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    readonly TestTables tables = new(emulators);

    public void Dispose() => tables.Dispose();

    static ArrivalNotice Notice(int i, string etag = "e1") => new($"raw/trips/f{i}.csv", etag, 100 + i, $"00-trace{i}-01");

    [Fact]
    public async Task AddAsync_RepeatedNotices_RecordedOncePerKeyAndETag()
    {
        var sut = tables.Arrivals();

        var first = await sut.AddAsync("trips", [Notice(1), Notice(2), Notice(1)], Now);
        var again = await sut.AddAsync("trips", [Notice(2), Notice(3)], Now);
        var changed = await sut.AddAsync("trips", [Notice(1, etag: "e2")], Now);

        Assert.Equal(new ArrivalsRecorded(2, 1), first);
        Assert.Equal(new ArrivalsRecorded(1, 1), again);
        Assert.Equal(new ArrivalsRecorded(1, 0), changed);
        Assert.Equal(4, await sut.TotalAsync("trips"));
        Assert.Equal(0, await sut.TotalAsync("other"));
    }

    [Fact]
    public async Task AddAsync_ConcurrentCallsWithTheSameNotices_EachRecordedOnce()
    {
        var sut = tables.Arrivals();
        var notices = Enumerable.Range(0, 30).Select(i => Notice(i)).ToList();

        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => sut.AddAsync("trips", notices, Now)));

        Assert.Equal(30, results.Sum(r => r.Recorded));
        Assert.Equal(30, await sut.TotalAsync("trips"));
        Assert.Equal(30, (await sut.PendingAsync("trips")).Count);
    }

    [Fact]
    public async Task PendingAsync_CountsAndOldest_UntilClaimed()
    {
        var sut = tables.Arrivals();
        Assert.Equal(new(0, null), await sut.PendingAsync("trips"));
        await sut.AddAsync("trips", [Notice(1)], Now);
        await sut.AddAsync("trips", [Notice(2)], Now.AddMinutes(1));

        Assert.Equal(new(2, Now), await sut.PendingAsync("trips"));
        await sut.ClaimAsync("trips", "run-000001", 1);
        Assert.Equal(new(1, Now.AddMinutes(1)), await sut.PendingAsync("trips"));
    }

    [Fact]
    public async Task ClaimAsync_OldestFirstUpToMax_AndIdempotentPerRun()
    {
        var sut = tables.Arrivals();
        await sut.AddAsync("trips", Enumerable.Range(1, 60).Select(i => Notice(i)).ToList(), Now);

        var claimed = await sut.ClaimAsync("trips", "run-000001", 50);
        var repeated = await sut.ClaimAsync("trips", "run-000001", 50);
        var next = await sut.ClaimAsync("trips", "run-000002", 50);
        var none = await sut.ClaimAsync("trips", "run-000003", 50);

        Assert.Equal((50, 50, 10, 0), (claimed, repeated, next, none));
        var run1 = await sut.ForRunAsync("trips", "run-000001");
        Assert.Equal(Enumerable.Range(1, 50).Select(i => $"raw/trips/f{i}.csv"), run1.Select(r => r.Key));
        Assert.Equal(run1.Select(r => r.Sequence).Order(), run1.Select(r => r.Sequence));
        Assert.All(run1, r => Assert.Equal("run-000001", r.RunId));
        Assert.Equal(new(0, null), await sut.PendingAsync("trips"));
    }

    [Fact]
    public async Task ClaimAsync_NothingPending_LaterArrivalsStillGoToThatRun()
    {
        var sut = tables.Arrivals();
        Assert.Equal(0, await sut.ClaimAsync("trips", "run-000001", 10));

        await sut.AddAsync("trips", [Notice(1)], Now);

        Assert.Equal(1, await sut.ClaimAsync("trips", "run-000001", 10));
    }

    [Fact]
    public async Task ForRunAsync_KeepsEveryField()
    {
        var sut = tables.Arrivals();
        await sut.AddAsync("trips", [Notice(7)], Now);
        await sut.ClaimAsync("trips", "run-000001", 10);

        var record = Assert.Single(await sut.ForRunAsync("trips", "run-000001"));

        Assert.Equal(("raw/trips/f7.csv", "e1", 107L, Now, "run-000001", "00-trace7-01"),
            (record.Key, record.ETag, record.Size, record.RecordedAt, record.RunId, record.TraceParent));
        Assert.Empty(await sut.ForRunAsync("trips", "run-000002"));
    }
}
