using Orleans.Storage;
using Pipeline.Core.State;
using Pipeline.Silo.Storage;

namespace Pipeline.Aws.Tests.Conformance;

/// <summary>
/// The contract Orleans expects of a grain storage (see the DynamoDB provider it follows), through our one
/// <see cref="PipelineGrainStorage"/> over each <see cref="IGrainStateStore"/>: a subclass per store.
/// </summary>
public abstract partial class GrainStorageConformance
{
    const string StateName = "state";
    static readonly GrainId Trips = GrainId.Create("dataset", "trips");

    // Each call is a new store over the same data, as another silo would have.
    protected abstract IGrainStateStore CreateStore();

    [Fact]
    public async Task ReadStateAsync_MissingRow_NewStateWithoutETag()
    {
        var state = await ReadAsync(Trips);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.NotNull(state.State);
        Assert.Equal(TestState.NewNote, state.State.Note);
    }

    [Fact]
    public async Task WriteStateAsync_NewRow_ReadGivesTheStateAndItsETag()
    {
        var written = await WriteNewAsync(Trips, "first");

        var read = await ReadAsync(Trips);

        Assert.True(written.RecordExists);
        Assert.NotNull(written.ETag);
        Assert.Equal((true, written.ETag, "first"), (read.RecordExists, read.ETag, read.State.Note));
        Assert.Equal(["first"], read.State.Runs);
    }

    [Fact]
    public async Task WriteStateAsync_FromTheCurrentETag_ChangesTheETag()
    {
        var state = await WriteNewAsync(Trips, "first");
        var firstETag = state.ETag;

        state.State.Note = "second";
        await Storage().WriteStateAsync(StateName, Trips, state);

        var read = await ReadAsync(Trips);
        Assert.NotEqual(firstETag, state.ETag);
        Assert.Equal((state.ETag, "second"), (read.ETag, read.State.Note));
    }

    [Fact]
    public async Task WriteStateAsync_StaleETag_ThrowsInconsistentStateAndKeepsTheWinner()
    {
        await WriteNewAsync(Trips, "first");
        var stale = await ReadAsync(Trips);
        var winner = await ReadAsync(Trips);
        winner.State.Note = "winner";
        await Storage().WriteStateAsync(StateName, Trips, winner);

        stale.State.Note = "loser";
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage().WriteStateAsync(StateName, Trips, stale));

        var read = await ReadAsync(Trips);
        Assert.Equal((winner.ETag, "winner"), (read.ETag, read.State.Note));
    }

    [Fact]
    public async Task WriteStateAsync_NoETagWhileTheRowExists_ThrowsInconsistentState()
    {
        await WriteNewAsync(Trips, "existing");
        var blind = new TestGrainState { State = new TestState { Note = "blind" } };

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage().WriteStateAsync(StateName, Trips, blind));

        Assert.Equal("existing", (await ReadAsync(Trips)).State.Note);
    }

    [Fact]
    public async Task WriteStateAsync_ConcurrentWritersFromTheSameETag_ExactlyOneWins()
    {
        await WriteNewAsync(Trips, "start");
        var writers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => ReadAsync(Trips)));

        var won = await Task.WhenAll(writers.Select(async (writer, i) =>
        {
            writer.State.Note = $"writer {i}";
            try
            {
                await Storage().WriteStateAsync(StateName, Trips, writer);
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        }));

        Assert.Equal(1, won.Count(w => w));
        var winner = writers[Array.IndexOf(won, true)];
        var read = await ReadAsync(Trips);
        Assert.Equal((winner.ETag, winner.State.Note), (read.ETag, read.State.Note));
    }

    PipelineGrainStorage Storage() => new PipelineGrainStorage(CreateStore());

    async Task<TestGrainState> ReadAsync(GrainId grain, string stateName = StateName)
    {
        var state = new TestGrainState();
        await Storage().ReadStateAsync(stateName, grain, state);
        return state;
    }

    async Task<TestGrainState> WriteNewAsync(GrainId grain, string note, string stateName = StateName)
    {
        var state = await ReadAsync(grain, stateName);
        state.State.Note = note;
        state.State.Runs.Add(note);
        await Storage().WriteStateAsync(stateName, grain, state);
        return state;
    }
}
