using Pipeline.Core.Tables;

namespace Pipeline.Aws.Tests.Conformance;

/// <summary>
/// What the stages and the query engine expect of a catalog (<see cref="ITableCatalog"/>): one suite, a subclass per
/// adapter (SQLite, and Glue through a fake Glue).
/// </summary>
public abstract class TableCatalogConformance
{
    protected static readonly ColumnInfo[] TripColumns =
        [new("trip_id", "BIGINT"), new("fare", "DECIMAL(10,2)"), new("_run_id", "VARCHAR"), new("vendor", "BIGINT")];

    // Each call is a new catalog over the same store, as another silo would have.
    protected abstract ITableCatalog Catalog();

    protected static CatalogFile File(string run, int vendor, string name, long rows = 10) =>
        new($"processed/trips/vendor={vendor}/{run}-{name}.parquet", new Dictionary<string, string> { ["vendor"] = $"{vendor}" }, rows, rows * 100);

    protected static TableCommit Trips(string run, IReadOnlyList<CatalogFile> files, IReadOnlyList<ColumnInfo>? columns = null) =>
        new("trips", "table", "trips", run, "processed/trips/", files, columns ?? TripColumns, ["vendor"], ["trip_id"]);

    protected static TableCommit View(string run, string key, long rows) =>
        new("daily_fares", "view", "trips", run, "curated/daily_fares/", [new CatalogFile(key, new Dictionary<string, string>(), rows, 500)],
            [new("day", "DATE"), new("fares", "DECIMAL(38,2)")], [], [], ReplaceAllFiles: true);

    [Fact]
    public async Task ATableNeverCommitted_IsNowhere()
    {
        var catalog = Catalog();

        Assert.Null(await catalog.GetAsync("trips", default));
        Assert.Null(await catalog.SourceAsync("trips", default));
        Assert.Empty(await catalog.ListAsync(default));
        Assert.Empty(await catalog.SourcesAsync(default));
        Assert.Empty(await catalog.RunFilesAsync("trips", "run-1", default));
    }

    [Fact]
    public async Task TheFirstCommit_MakesTheTable_WithItsColumnsPartitionsAndFirstVersion()
    {
        await Catalog().CommitRunAsync(Trips("run-1", [File("run-1", 1, "a", 10), File("run-1", 1, "b", 5), File("run-1", 2, "a", 7)]), default);

        var table = (await Catalog().GetAsync("trips", default))!;

        Assert.Equal(("table", "trips", 22L, 3), (table.Kind, table.Dataset, table.Rows, table.Files));
        Assert.Equal(TripColumns, table.Columns);
        Assert.Equal(["vendor"], table.PartitionKeys);
        Assert.Equal([("1", 2, 15L, 1500L), ("2", 1, 7L, 700L)], table.Partitions.Select(p => (p.Values["vendor"], p.Files, p.Rows, p.Bytes)));
        var version = Assert.Single(table.Versions);
        Assert.Equal((1, "run-1", "created"), (version.Version, version.RunId, version.Change));
        Assert.Equal(TripColumns, version.Columns);
        var summary = Assert.Single(await Catalog().ListAsync(default));
        Assert.Equal(("trips", "table", "trips", 1, 22L, 3), (summary.Name, summary.Kind, summary.Dataset, summary.SchemaVersion, summary.Rows, summary.Files));
    }

    [Fact]
    public async Task TheSource_ListsEveryFileAQueryReads()
    {
        await Catalog().CommitRunAsync(Trips("run-1", [File("run-1", 2, "a"), File("run-1", 1, "a")]), default);

        var source = (await Catalog().SourceAsync("trips", default))!;

        Assert.Equal(["processed/trips/vendor=1/run-1-a.parquet", "processed/trips/vendor=2/run-1-a.parquet"], source.Keys);
        Assert.Equal(("table", "trips", 2000L), (source.Kind, source.Dataset, source.Bytes));
        Assert.Equal(["vendor"], source.PartitionKeys);
        Assert.Equal(["trip_id"], source.PrimaryKey);
        Assert.Equal(TripColumns, source.Columns);
        Assert.Equal([source], await Catalog().SourcesAsync(default), SourceComparer);
    }

    [Fact]
    public async Task LaterRuns_AddTheirFiles_AndOnlyChangedColumnsMakeAVersion()
    {
        ColumnInfo[] withTip = [.. TripColumns, new("tip", "DOUBLE")];
        await Catalog().CommitRunAsync(Trips("run-1", [File("run-1", 1, "a")]), default);
        await Catalog().CommitRunAsync(Trips("run-2", [File("run-2", 3, "a")], withTip), default);
        await Catalog().CommitRunAsync(Trips("run-3", [File("run-3", 1, "a")], withTip), default);

        var table = (await Catalog().GetAsync("trips", default))!;

        Assert.Equal((30L, 3), (table.Rows, table.Files));
        Assert.Equal(withTip, table.Columns);
        Assert.Equal([(1, "run-1", "created"), (2, "run-2", "added tip")], table.Versions.Select(v => (v.Version, v.RunId, v.Change)));
        Assert.Equal(["processed/trips/vendor=3/run-2-a.parquet"], await Catalog().RunFilesAsync("trips", "run-2", default));
    }

    [Fact]
    public async Task CommittingARunAgain_ReplacesItsFiles_AndNoOtherRunsFiles()
    {
        await Catalog().CommitRunAsync(Trips("run-1", [File("run-1", 1, "a"), File("run-1", 2, "a")]), default);
        await Catalog().CommitRunAsync(Trips("run-2", [File("run-2", 1, "a")]), default);

        await Catalog().CommitRunAsync(Trips("run-1", [File("run-1.r1", 1, "a", 12)]), default);

        Assert.Equal(["processed/trips/vendor=1/run-1.r1-a.parquet"], await Catalog().RunFilesAsync("trips", "run-1", default));
        var table = (await Catalog().GetAsync("trips", default))!;
        Assert.Equal((22L, 2), (table.Rows, table.Files));
        Assert.Equal(["1"], table.Partitions.Select(p => p.Values["vendor"]));
        Assert.Equal(["processed/trips/vendor=1/run-1.r1-a.parquet", "processed/trips/vendor=1/run-2-a.parquet"], (await Catalog().SourceAsync("trips", default))!.Keys);
    }

    [Fact]
    public async Task TheSameCommitTwice_LandsOnce()
    {
        var commit = Trips("run-1", [File("run-1", 1, "a"), File("run-1", 2, "a")]);
        await Catalog().CommitRunAsync(commit, default);

        await Catalog().CommitRunAsync(commit, default);

        var table = (await Catalog().GetAsync("trips", default))!;
        Assert.Equal((20L, 2, 1), (table.Rows, table.Files, table.Versions.Count));
    }

    [Fact]
    public async Task AView_IsReplacedAsAWhole_AndBelongsToItsDataset()
    {
        await Catalog().CommitRunAsync(View("run-1", "curated/daily_fares/run-1.parquet", 3), default);
        await Catalog().CommitRunAsync(View("run-2", "curated/daily_fares/run-2.parquet", 4), default);

        var view = (await Catalog().SourceAsync("daily_fares", default))!;

        Assert.Equal(["curated/daily_fares/run-2.parquet"], view.Keys);
        Assert.Equal(("view", "trips"), (view.Kind, view.Dataset));
        Assert.Empty(await Catalog().RunFilesAsync("daily_fares", "run-1", default));
        Assert.Equal(4, (await Catalog().GetAsync("daily_fares", default))!.Rows);
    }

    [Fact]
    public async Task NestedTypes_AndNamesWithSpaces_ComeBackAsCommitted()
    {
        ColumnInfo[] columns =
        [
            new("Flight Date", "TIMESTAMP WITH TIME ZONE"), new("route", "STRUCT(\"from\" VARCHAR, stops INTEGER[])"), new("tags", "MAP(VARCHAR, BIGINT)"),
            new("Flight Date_year", "BIGINT"),
        ];
        var file = new CatalogFile("processed/flights/Flight%20Date_year=2024/run-1-a.parquet", new Dictionary<string, string> { ["Flight Date_year"] = "2024" }, 3, 30);

        await Catalog().CommitRunAsync(new TableCommit("flights", "table", "flights", "run-1", "processed/flights/", [file], columns, ["Flight Date_year"], []), default);
        await Catalog().CommitRunAsync(View("run-1", "curated/daily_fares/run-1.parquet", 3), default);

        var table = (await Catalog().GetAsync("flights", default))!;
        Assert.Equal(columns, table.Columns);
        Assert.Equal("2024", Assert.Single(table.Partitions).Values["Flight Date_year"]);
        Assert.Equal(["daily_fares", "flights"], (await Catalog().ListAsync(default)).Select(t => t.Name));
        Assert.Equal(["daily_fares", "flights"], (await Catalog().SourcesAsync(default)).Select(t => t.Name));
    }

    static readonly IEqualityComparer<TableSource> SourceComparer = EqualityComparer<TableSource>.Create(
        (a, b) => a!.Name == b!.Name && a.Keys.SequenceEqual(b.Keys) && a.Columns.SequenceEqual(b.Columns) && a.Bytes == b.Bytes,
        s => s.Name.GetHashCode(StringComparison.Ordinal));
}
