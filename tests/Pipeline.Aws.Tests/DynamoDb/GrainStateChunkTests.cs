using System.Text;
using Amazon.DynamoDBv2.Model;
using Pipeline.Aws.DynamoDb;
using Pipeline.Aws.Tests.Support;
using Pipeline.Core.State;

namespace Pipeline.Aws.Tests.DynamoDb;

/// <summary>Grain state beyond DynamoDB's 400 KB item limit is chunked, never a failed write.</summary>
[Collection(AwsCollection.Name)]
public sealed class GrainStateChunkTests(AwsEmulators emulators) : IDisposable
{
    readonly TestTables tables = new(emulators);

    public void Dispose() => tables.Dispose();

    [Fact]
    public async Task WriteAsync_StateOfSeveralMegabytes_IsStoredInChunksAndReadBackWhole()
    {
        var sut = tables.Grains();
        var big = State(2_000_000, seed: 1);

        var version = await sut.WriteAsync("trips", big, 0);

        Assert.Equal(new GrainRecord(big, 1), await sut.ReadAsync("trips"));
        Assert.True(await ChunkItemsAsync() >= 3);
        Assert.Equal(1, version);
    }

    [Fact]
    public async Task WriteAsync_AfterChunkedState_OldChunksAreRemoved()
    {
        var sut = tables.Grains();
        var v1 = await sut.WriteAsync("trips", State(1_000_000, seed: 2), 0);
        var v2 = await sut.WriteAsync("trips", State(1_000_000, seed: 3), v1);
        var chunksOfOne = await ChunkItemsAsync();

        await sut.WriteAsync("trips", """{"small":true}""", v2);

        Assert.Equal(0, await ChunkItemsAsync());
        Assert.InRange(chunksOfOne, 2, 4);
        Assert.Equal("""{"small":true}""", (await sut.ReadAsync("trips"))!.Json);
    }

    [Fact]
    public async Task WriteAsync_ChunkedLoser_LeavesNoChunksBehind()
    {
        var sut = tables.Grains();
        await sut.WriteAsync("trips", "{}", 0);
        await sut.WriteAsync("trips", "{}", 1);

        await Assert.ThrowsAsync<ConcurrencyException>(() => sut.WriteAsync("trips", State(1_000_000, seed: 4), 1));

        Assert.Equal(0, await ChunkItemsAsync());
    }

    [Fact]
    public void StateChunks_RoundTrip_AndSmallStateStaysInline()
    {
        var json = State(800_000, seed: 5);

        Assert.Equal(json, StateChunks.Join(StateChunks.Split(json)));
        Assert.True(StateChunks.NeedsChunks(json));
        Assert.False(StateChunks.NeedsChunks(State(300_000, seed: 6)));
    }

    async Task<int> ChunkItemsAsync()
    {
        var scan = await tables.Client.ScanAsync(new ScanRequest { TableName = tables.Options.GrainsTable, FilterExpression = "attribute_exists(chunk_of)" });
        return scan.Count ?? 0;
    }

    // Random text compresses poorly, like a state full of distinct run ids, keys and errors.
    static string State(int size, int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder("{\"runs\":\"");
        while (text.Length < size)
        {
            text.Append((char)random.Next('a', 'z' + 1)).Append((char)random.Next('0', '9' + 1));
        }

        return text.Append("\"}").ToString();
    }
}
