using Pipeline.Core.Datasets;
using Pipeline.Core.Runs;
using Pipeline.Core.Transform;
using Pipeline.Spark.Engine;
using Pipeline.Spark.Tests.Support;

namespace Pipeline.Spark.Tests.Engine;

/// <summary>A dataset's schemaDrift against the table its earlier runs made (id BIGINT, name VARCHAR, amount DOUBLE).</summary>
public sealed class SchemaDriftTests : IDisposable
{
    static readonly Dictionary<string, string> Table = new()
    {
        ["id"] = "BIGINT", ["name"] = "VARCHAR", ["amount"] = "DOUBLE", ["_source_file"] = "VARCHAR", ["_ingested_at"] = "TIMESTAMP WITH TIME ZONE", ["_run_id"] = "VARCHAR",
    };

    readonly TempFolder _folder = new();
    readonly Lake _lake = new();

    async Task<(TransformResult Result, TransformRequest Request)> RunAsync(string drift, IReadOnlyDictionary<string, string>? table, Dictionary<string, string>? schema = null)
    {
        var spec = Specs.Spec(new DatasetDefinition { Format = "csv", SchemaDrift = drift, Schema = schema });
        var files = new[]
        {
            _folder.Write("same.csv", "id,name,amount\n1,a,1.5\n"),
            _folder.Write("wider.csv", "id,name,amount,tip\n2,b,2.5,0.5\n"),
            _folder.Write("narrower.csv", "id,name\n3,c\n"),
            _folder.Write("retyped.csv", "id,name,amount\n4,d,n/a\n"),
        };
        var request = Specs.Request(spec, _folder, files) with { TableTypes = table };
        return (await new DuckDbTransformEngine().RunAsync(request), request);
    }

    [Fact]
    public async Task Freeze_QuarantinesEveryFileThatDiffers_SpellingOutTheDifference()
    {
        var (result, request) = await RunAsync("freeze", Table);

        Assert.Equal(["1|a|1.5"], _lake.Lines($"SELECT id, name, amount FROM {Lake.Parquet(request.OutputDir)}"));
        var reasons = result.QuarantinedFiles.ToDictionary(q => q.SourceKey, q => q.Reason);
        Assert.Equal(["raw/taxi/narrower.csv", "raw/taxi/retyped.csv", "raw/taxi/wider.csv"], reasons.Keys.Order(StringComparer.Ordinal));
        Assert.StartsWith("its columns differ from the table's and the dataset's schemaDrift is freeze: new column tip (DOUBLE). ", reasons["raw/taxi/wider.csv"], StringComparison.Ordinal);
        Assert.StartsWith("its columns differ from the table's and the dataset's schemaDrift is freeze: missing amount. ", reasons["raw/taxi/narrower.csv"], StringComparison.Ordinal);
        Assert.StartsWith("its columns differ from the table's and the dataset's schemaDrift is freeze: amount is VARCHAR where the table has DOUBLE. ",
            reasons["raw/taxi/retyped.csv"], StringComparison.Ordinal);
        Assert.Equal([
            new("tip", "new column (DOUBLE)", "file quarantined (schemaDrift freeze)", ["raw/taxi/wider.csv"]),
            new("amount", "missing", "file quarantined (schemaDrift freeze)", ["raw/taxi/narrower.csv"]),
            new("amount", "VARCHAR where the table has DOUBLE", "file quarantined (schemaDrift freeze)", ["raw/taxi/retyped.csv"]),
        ], result.SchemaDrift, new DriftComparer());
    }

    [Fact]
    public async Task DiscardColumns_LeavesOutNewColumns_AndLoadsTheRest()
    {
        var (result, request) = await RunAsync("discardColumns", Table);

        Assert.Empty(result.QuarantinedFiles);
        Assert.Equal(["id", "name", "amount"], _lake.Types($"SELECT * EXCLUDE (_source_file, _ingested_at, _run_id) FROM {Lake.Parquet(request.OutputDir)}").Keys);
        Assert.Equal(["1|1.5", "2|2.5", "3|NULL"], _lake.Lines($"SELECT id, amount FROM {Lake.Parquet(request.OutputDir)} ORDER BY id"));
        Assert.Equal("amount: 'n/a' is not DOUBLE", Assert.Single(result.RowFaults!).Example);
        Assert.Contains(result.SchemaDrift, d => d is { Column: "tip", Action: "left out (schemaDrift discardColumns)" });
        Assert.Contains(result.SchemaDrift, d => d is { Column: "amount", Change: "missing", Action: "NULL in these files" });
    }

    [Fact]
    public async Task DiscardColumns_KeepsANewColumnTheSchemaDeclares()
    {
        var (result, request) = await RunAsync("discardColumns", Table, new() { ["tip"] = "DOUBLE" });

        Assert.Equal(["2|0.5"], _lake.Lines($"SELECT id, tip FROM {Lake.Parquet(request.OutputDir)} WHERE tip IS NOT NULL"));
        Assert.Contains(result.SchemaDrift, d => d is { Column: "tip", Action: "added to the table" });
    }

    [Fact]
    public async Task Evolve_AddsNewColumns_AndShowsWhatItSaw()
    {
        var (result, request) = await RunAsync("evolve", Table);

        Assert.Equal(["2|0.5"], _lake.Lines($"SELECT id, tip FROM {Lake.Parquet(request.OutputDir)} WHERE tip IS NOT NULL"));
        Assert.Contains(result.SchemaDrift, d => d is { Column: "tip", Change: "new column (DOUBLE)", Action: "added to the table" });
        Assert.Contains(result.SchemaDrift, d => d is { Column: "amount", Action: "kept as DOUBLE; values that do not fit are quarantined" });
    }

    [Fact]
    public async Task TheFirstRun_HasNoTableToDriftFrom()
    {
        var (result, _) = await RunAsync("freeze", null);

        Assert.Empty(result.QuarantinedFiles);
        Assert.Empty(result.SchemaDrift);
    }

    public void Dispose()
    {
        _lake.Dispose();
        _folder.Dispose();
    }

    sealed class DriftComparer : IEqualityComparer<SchemaDriftInfo>
    {
        public bool Equals(SchemaDriftInfo? x, SchemaDriftInfo? y) =>
            x is not null && y is not null && (x.Column, x.Change, x.Action) == (y.Column, y.Change, y.Action) && x.Files.SequenceEqual(y.Files);

        public int GetHashCode(SchemaDriftInfo obj) => 0;
    }
}
