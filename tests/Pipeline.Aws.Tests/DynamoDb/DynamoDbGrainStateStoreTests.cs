using Pipeline.Aws.Tests.Support;
using Pipeline.Core.State;

namespace Pipeline.Aws.Tests.DynamoDb;

[Collection(AwsCollection.Name)]
public sealed class DynamoDbGrainStateStoreTests(AwsEmulators emulators) : IDisposable
{
    readonly TestTables tables = new(emulators, wakeShards: 3);

    public void Dispose() => tables.Dispose();

    [Fact]
    public async Task ReadAsync_NeverWritten_IsNull() => Assert.Null(await tables.Grains().ReadAsync("nothing"));

    [Fact]
    public async Task WriteAsync_NewThenUpdated_VersionsCountUpAndReadGivesTheLatest()
    {
        var sut = tables.Grains();

        var v1 = await sut.WriteAsync("trips", """{"a":1}""", 0);
        var v2 = await sut.WriteAsync("trips", """{"a":2}""", v1);

        Assert.Equal((1, 2), (v1, v2));
        Assert.Equal(new GrainRecord("""{"a":2}""", 2), await sut.ReadAsync("trips"));
    }

    [Fact]
    public async Task WriteAsync_StaleVersion_ThrowsConcurrencyAndKeepsTheWinner()
    {
        var sut = tables.Grains();
        await sut.WriteAsync("trips", "{}", 0);
        await sut.WriteAsync("trips", """{"winner":true}""", 1);

        await Assert.ThrowsAsync<ConcurrencyException>(() => sut.WriteAsync("trips", """{"loser":true}""", 1));
        await Assert.ThrowsAsync<ConcurrencyException>(() => sut.WriteAsync("trips", """{"loser":true}""", 0));
        Assert.Equal(new GrainRecord("""{"winner":true}""", 2), await sut.ReadAsync("trips"));
    }

    [Fact]
    public async Task WriteAsync_TwoSilosFromTheSameVersion_ExactlyOneWins()
    {
        var sut = tables.Grains();
        await sut.WriteAsync("trips", "{}", 0);

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(async i =>
        {
            try
            {
                await sut.WriteAsync("trips", $$"""{"writer":{{i}}}""", 1);
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
}
