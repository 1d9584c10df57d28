using System.Text;
using Orleans.Storage;

namespace Pipeline.Aws.Tests.Conformance;

public abstract partial class GrainStorageConformance
{
    [Fact]
    public async Task ClearStateAsync_CurrentETag_RowIsGone()
    {
        var state = await WriteNewAsync(Trips, "doomed");

        await Storage().ClearStateAsync(StateName, Trips, state);

        var read = await ReadAsync(Trips);
        Assert.Equal((false, (string?)null), (state.RecordExists, state.ETag));
        Assert.Equal((false, (string?)null, TestState.NewNote), (read.RecordExists, read.ETag, read.State.Note));
    }

    [Fact]
    public async Task WriteStateAsync_AfterClear_CreatesTheRowAgain()
    {
        var state = await WriteNewAsync(Trips, "first life");
        await Storage().ClearStateAsync(StateName, Trips, state);

        state.State = new TestState { Note = "second life" };
        await Storage().WriteStateAsync(StateName, Trips, state);

        var read = await ReadAsync(Trips);
        Assert.Equal((true, "second life"), (read.RecordExists, read.State.Note));
    }

    [Fact]
    public async Task ClearStateAsync_StaleETag_ThrowsInconsistentStateAndKeepsTheRow()
    {
        var stale = await WriteNewAsync(Trips, "first");
        var current = await ReadAsync(Trips);
        current.State.Note = "current";
        await Storage().WriteStateAsync(StateName, Trips, current);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage().ClearStateAsync(StateName, Trips, stale));

        var read = await ReadAsync(Trips);
        Assert.Equal((true, current.ETag, "current"), (read.RecordExists, read.ETag, read.State.Note));
    }

    [Fact]
    public async Task ClearStateAsync_NoETagWhileTheRowExists_ThrowsInconsistentStateAndKeepsTheRow()
    {
        await WriteNewAsync(Trips, "existing");
        var blind = new TestGrainState { State = new TestState() };

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage().ClearStateAsync(StateName, Trips, blind));

        var read = await ReadAsync(Trips);
        Assert.Equal((true, "existing"), (read.RecordExists, read.State.Note));
    }

    [Fact]
    public async Task ClearStateAsync_NeverWritten_SucceedsWithNoRow()
    {
        var state = await ReadAsync(Trips);

        await Storage().ClearStateAsync(StateName, Trips, state);

        Assert.False((await ReadAsync(Trips)).RecordExists);
    }

    [Fact]
    public async Task WriteStateAsync_StateOfSeveralMegabytes_RoundTrips()
    {
        var state = await ReadAsync(Trips);
        var random = new Random(7);
        // Random run ids compress poorly, so DynamoDB has to chunk them (above 350 KiB even gzipped).
        state.State.Runs.AddRange(Enumerable.Range(0, 30_000).Select(_ => RandomText(random, 100)));

        await Storage().WriteStateAsync(StateName, Trips, state);

        var read = await ReadAsync(Trips);
        Assert.True(Encoding.UTF8.GetByteCount(string.Concat(state.State.Runs)) > 2_900_000);
        Assert.Equal(state.ETag, read.ETag);
        Assert.Equal(state.State.Runs, read.State.Runs);
    }

    [Fact]
    public async Task WriteStateAsync_OtherGrainOrStateName_KeptApart()
    {
        var other = GrainId.Create("dataset", "weather");
        var trips = await WriteNewAsync(Trips, "trips state");
        await WriteNewAsync(Trips, "trips history", stateName: "history");
        await WriteNewAsync(other, "weather state");

        await Storage().ClearStateAsync(StateName, Trips, trips);

        Assert.False((await ReadAsync(Trips)).RecordExists);
        Assert.Equal("trips history", (await ReadAsync(Trips, "history")).State.Note);
        Assert.Equal("weather state", (await ReadAsync(other)).State.Note);
    }

    static string RandomText(Random random, int length) =>
        string.Create(length, random, static (chars, r) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = (char)r.Next('a', 'z' + 1);
            }
        });
}
