using Pipeline.Aws.Tests.Support;
using Pipeline.Core.State;

namespace Pipeline.Aws.Tests.DynamoDb;

[Collection(AwsCollection.Name)]
public sealed class DynamoDbGrainStateStoreTests(AwsEmulators emulators) : IDisposable
{
    static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    readonly TestTables tables = new(emulators, wakeShards: 3);

    public void Dispose() => tables.Dispose();

    [Fact]
    public async Task ReadAsync_NeverWritten_IsNull() => Assert.Null(await tables.Grains().ReadAsync("nothing"));

    [Fact]
    public async Task WriteAsync_NewThenUpdated_VersionsCountUpAndReadGivesTheLatest()
    {
        var sut = tables.Grains();

        var v1 = await sut.WriteAsync("trips", """{"a":1}""", 0, null);
        var v2 = await sut.WriteAsync("trips", """{"a":2}""", v1, null);

        Assert.Equal((1, 2), (v1, v2));
        Assert.Equal(new GrainRecord("""{"a":2}""", 2), await sut.ReadAsync("trips"));
    }

    [Fact]
    public async Task WriteAsync_StaleVersion_ThrowsConcurrencyAndKeepsTheWinner()
    {
        var sut = tables.Grains();
        await sut.WriteAsync("trips", "{}", 0, null);
        await sut.WriteAsync("trips", """{"winner":true}""", 1, null);

        await Assert.ThrowsAsync<ConcurrencyException>(() => sut.WriteAsync("trips", """{"loser":true}""", 1, null));
        await Assert.ThrowsAsync<ConcurrencyException>(() => sut.WriteAsync("trips", """{"loser":true}""", 0, null));
        Assert.Equal(new GrainRecord("""{"winner":true}""", 2), await sut.ReadAsync("trips"));
    }

    [Fact]
    public async Task WriteAsync_TwoSilosFromTheSameVersion_ExactlyOneWins()
    {
        var sut = tables.Grains();
        await sut.WriteAsync("trips", "{}", 0, null);

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(async i =>
        {
            try
            {
                await sut.WriteAsync("trips", $$"""{"writer":{{i}}}""", 1, null);
                return true;
            }
            catch (ConcurrencyException)
            {
                return false;
            }
        }));

        Assert.Equal(1, results.Count(won => won));
        Assert.Equal(2, (await sut.ReadAsync("trips"))!.Version);
    }

    [Fact]
    public async Task DueAsync_WakeTimesAcrossShards_OnlyThoseDueOldestFirstUpToTheLimit()
    {
        var sut = tables.Grains();
        for (var i = 0; i < 8; i++)
        {
            await sut.WriteAsync($"ds{i}", "{}", 0, Now.AddMinutes(i - 5));
        }

        await sut.WriteAsync("never", "{}", 0, null);

        Assert.Equal(["ds0", "ds1", "ds2", "ds3", "ds4", "ds5"], await sut.DueAsync(Now, 100));
        Assert.Equal(["ds0", "ds1"], await sut.DueAsync(Now, 2));
    }

    [Fact]
    public async Task DueAsync_WakeTimeCleared_NoLongerDue()
    {
        var sut = tables.Grains();
        var version = await sut.WriteAsync("trips", "{}", 0, Now.AddSeconds(-1));

        await sut.WriteAsync("trips", "{}", version, null);

        Assert.Empty(await sut.DueAsync(Now, 100));
    }

    [Fact]
    public async Task AllAsync_ListsEveryGrainOnce()
    {
        var sut = tables.Grains();
        await sut.WriteAsync("busy", "{}", 0, null);
        var idle = await sut.WriteAsync("idle", "{}", 0, null);
        await sut.WriteAsync("idle", "{}", idle, null);

        Assert.Equal(["busy", "idle"], await sut.AllAsync());
    }

    [Fact]
    public void Shard_IsStableAndInRange()
    {
        Assert.Equal(Pipeline.Aws.DynamoDb.DynamoDbGrainStateStore.Shard("trips", 8), Pipeline.Aws.DynamoDb.DynamoDbGrainStateStore.Shard("trips", 8));
        Assert.All(Enumerable.Range(0, 100), i => Assert.InRange(Pipeline.Aws.DynamoDb.DynamoDbGrainStateStore.Shard($"d{i}", 5), 0, 4));
        Assert.Equal(5, Enumerable.Range(0, 100).Select(i => Pipeline.Aws.DynamoDb.DynamoDbGrainStateStore.Shard($"d{i}", 5)).Distinct().Count());
    }
}
