namespace Pipeline.Aws.Tests.Conformance;

/// <summary>
/// The contract Orleans expects of a reminder table: rows per (service, grain, name), unconditional upserts with a
/// fresh etag, removal only with the current etag, ring ranges by the grain's uniform hash. A subclass per store.
/// </summary>
public abstract partial class ReminderTableConformance
{
    const string Service = "pipeline";
    static readonly GrainId Trips = GrainId.Create("dataset", "trips");
    static readonly GrainId Weather = GrainId.Create("dataset", "weather");

    IReminderTable? table;

    // Each call is a new table over the same data, for the cluster service given.
    protected abstract IReminderTable CreateTable(string serviceId);

    IReminderTable Table => table ??= CreateTable(Service);

    [Fact]
    public async Task UpsertRow_ThenReadRow_GivesTheEntryWithTheReturnedETag()
    {
        var entry = Entry(Trips, "backstop");

        var etag = await Table.UpsertRow(entry);

        var row = await Table.ReadRow(Trips, "backstop");
        Assert.NotNull(row);
        Assert.NotNull(etag);
        Assert.Equal((Trips, "backstop", entry.StartAt, DateTimeKind.Utc, entry.Period, etag),
            (row.GrainId, row.ReminderName, row.StartAt, row.StartAt.Kind, row.Period, row.ETag));
    }

    [Fact]
    public async Task ReadRow_NeverUpserted_IsNull()
    {
        await Table.UpsertRow(Entry(Trips, "backstop"));

        Assert.Null(await Table.ReadRow(Trips, "other"));
        Assert.Null(await Table.ReadRow(Weather, "backstop"));
    }

    [Fact]
    public async Task UpsertRow_Again_ReplacesTheEntryWithANewETag()
    {
        var first = await Table.UpsertRow(Entry(Trips, "backstop"));

        var second = await Table.UpsertRow(Entry(Trips, "backstop", period: TimeSpan.FromMinutes(7)));

        var row = await Table.ReadRow(Trips, "backstop");
        Assert.NotEqual(first, second);
        Assert.Equal((second, TimeSpan.FromMinutes(7)), (row!.ETag, row.Period));
        Assert.Single((await Table.ReadRows(Trips)).Reminders);
    }

    [Fact]
    public async Task ReadRows_ByGrain_OnlyThatGrainsReminders()
    {
        await Table.UpsertRow(Entry(Trips, "backstop"));
        await Table.UpsertRow(Entry(Trips, "retry"));
        await Table.UpsertRow(Entry(Weather, "backstop"));

        var rows = (await Table.ReadRows(Trips)).Reminders;

        Assert.Equal(["backstop", "retry"], rows.Select(r => r.ReminderName).Order());
        Assert.All(rows, r => Assert.Equal(Trips, r.GrainId));
    }

    [Fact]
    public async Task RemoveRow_CurrentETag_RemovesTheRow()
    {
        var etag = await Table.UpsertRow(Entry(Trips, "backstop"));
        await Table.UpsertRow(Entry(Trips, "retry"));

        Assert.True(await Table.RemoveRow(Trips, "backstop", etag!));

        Assert.Null(await Table.ReadRow(Trips, "backstop"));
        Assert.Equal(["retry"], (await Table.ReadRows(Trips)).Reminders.Select(r => r.ReminderName));
    }

    [Fact]
    public async Task RemoveRow_WrongOrReplacedETag_ReturnsFalseAndKeepsTheRow()
    {
        var replaced = await Table.UpsertRow(Entry(Trips, "backstop"));
        var current = await Table.UpsertRow(Entry(Trips, "backstop"));

        Assert.False(await Table.RemoveRow(Trips, "backstop", "not-an-etag"));
        Assert.False(await Table.RemoveRow(Trips, "backstop", replaced!));

        Assert.Equal(current, (await Table.ReadRow(Trips, "backstop"))?.ETag);
    }

    [Fact]
    public async Task RemoveRow_NeverUpserted_ReturnsFalse() => Assert.False(await Table.RemoveRow(Trips, "backstop", "any"));

    [Fact]
    public async Task OtherServiceId_RowsAreInvisibleAndUntouched()
    {
        var ours = await Table.UpsertRow(Entry(Trips, "backstop"));
        var other = CreateTable("other-service");

        Assert.Null(await other.ReadRow(Trips, "backstop"));
        Assert.Empty((await other.ReadRows(Trips)).Reminders);
        Assert.Empty((await other.ReadRows(0, 0)).Reminders);
        Assert.False(await other.RemoveRow(Trips, "backstop", ours!));
        await other.UpsertRow(Entry(Trips, "backstop", period: TimeSpan.FromMinutes(9)));
        await other.TestOnlyClearTable();

        var row = await Table.ReadRow(Trips, "backstop");
        Assert.Equal((ours, TimeSpan.FromMinutes(1)), (row?.ETag, row?.Period));
    }

    [Fact]
    public async Task TestOnlyClearTable_RemovesEveryRowOfItsService()
    {
        var other = CreateTable("other-service");
        await Table.UpsertRow(Entry(Trips, "backstop"));
        await Table.UpsertRow(Entry(Weather, "backstop"));
        await other.UpsertRow(Entry(Trips, "backstop"));

        await Table.TestOnlyClearTable();

        Assert.Empty((await Table.ReadRows(0, 0)).Reminders);
        Assert.Empty((await Table.ReadRows(Trips)).Reminders);
        Assert.NotNull(await other.ReadRow(Trips, "backstop"));
    }

    // Sub-second ticks check that StartAt round-trips exactly ("O"), not to the second.
    static ReminderEntry Entry(GrainId grain, string name, TimeSpan? period = null) => new()
    {
        GrainId = grain,
        ReminderName = name,
        StartAt = new DateTime(2026, 5, 1, 12, 30, 15, DateTimeKind.Utc).AddTicks(1_234_567),
        Period = period ?? TimeSpan.FromMinutes(1),
    };
}
