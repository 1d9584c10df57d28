namespace Pipeline.Aws.Tests.Conformance;

public abstract partial class ReminderTableConformance
{
    [Fact]
    public async Task ReadRows_BeginBelowEnd_BeginExclusiveEndInclusive()
    {
        var (low, mid, high) = await UpsertThreeAsync();

        Assert.Equal([mid, high], await RangeAsync(Hash(low), Hash(high)));
        Assert.Equal([low, mid], await RangeAsync(Hash(low) - 1, Hash(mid)));
        Assert.Empty(await RangeAsync(Hash(high), uint.MaxValue));
    }

    [Fact]
    public async Task ReadRows_BeginAboveEnd_WrapsAroundTheRing()
    {
        var (low, mid, high) = await UpsertThreeAsync();

        Assert.Equal([low, high], await RangeAsync(Hash(mid), Hash(low)));
        Assert.Equal([low], await RangeAsync(Hash(high), Hash(low)));
        Assert.Equal([low, mid], await RangeAsync(Hash(high), Hash(mid)));
        Assert.Equal([high], await RangeAsync(Hash(mid), Hash(low) - 1));
    }

    [Fact]
    public async Task ReadRows_BeginEqualsEnd_WholeRing()
    {
        var (low, mid, high) = await UpsertThreeAsync();

        Assert.Equal([low, mid, high], await RangeAsync(0, 0));
        Assert.Equal([low, mid, high], await RangeAsync(Hash(mid), Hash(mid)));
    }

    static uint Hash(GrainId grain) => grain.GetUniformHashCode();

    // Three grains in ascending order of uniform hash, away from the ring's ends so begin - 1 stays in range.
    async Task<(GrainId Low, GrainId Mid, GrainId High)> UpsertThreeAsync()
    {
        var grains = Enumerable.Range(0, 3).Select(i => GrainId.Create("ring", $"grain-{i}")).OrderBy(Hash).ToArray();
        Assert.True(Hash(grains[0]) > 0 && Hash(grains[0]) < Hash(grains[1]) && Hash(grains[1]) < Hash(grains[2]) && Hash(grains[2]) < uint.MaxValue);
        foreach (var grain in grains)
        {
            await Table.UpsertRow(Entry(grain, "tick"));
        }

        return (grains[0], grains[1], grains[2]);
    }

    async Task<GrainId[]> RangeAsync(uint begin, uint end) =>
        [.. (await Table.ReadRows(begin, end)).Reminders.Select(r => r.GrainId).OrderBy(Hash)];
}
