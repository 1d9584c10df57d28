using Pipeline.Core.Tables;
using System.Diagnostics.Metrics;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pipeline.Core.Lake;
using Pipeline.Core.Queries;
using Pipeline.Spark.DuckDb;
using Pipeline.Silo.Catalog;
using Pipeline.Silo.Hosting;
using Pipeline.Silo.Queries;
using Pipeline.Silo.State;
using Pipeline.Silo.Telemetry;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Silo.Queries;

/// <summary>A real query service over a real catalog and lake, with one table "trips" of 1,000 rows.</summary>
public sealed class QueryServiceFixture : IDisposable
{
    static readonly IMeterFactory Meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();

    /// <summary>The data folder.</summary>
    public TempFolder Data { get; } = new();

    /// <summary>The lake layout.</summary>
    public LakeLayout Lake { get; }

    /// <summary>A secret outside the lake that no query may read.</summary>
    public string Secret { get; }

    /// <summary>Creates the table and the service.</summary>
    public QueryServiceFixture()
    {
        Lake = new LakeLayout(Data.Path);
        Lake.EnsureCreated();
        Secret = Path.Combine(Data.Path, "secret.csv");
        File.WriteAllText(Secret, "password\nhunter2\n");
        File.WriteAllText(Path.Combine(Lake.Zone(LakeLayout.Raw), "raw.csv"), "a\n1\n");
        var file = Path.Combine(Lake.Zone(LakeLayout.Processed), "trips", "run-000001-data.parquet");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        using (var connection = DuckDbOpen.Plain())
        {
            connection.Execute($"COPY (SELECT i AS id, i % 7 AS vendor, i * 0.25 AS fare, 'run-000001' AS _run_id FROM range(1000) t(i)) TO '{file}' (FORMAT parquet)");
        }

        var store = new SqliteStore(Data.Path);
        Catalog = new SqliteCatalog(store, TimeProvider.System);
        Catalog.CommitRunAsync(new TableCommit("trips", "table", "trips", "run-000001", "processed/trips/",
            [new CatalogFile(Lake.KeyOf(file), new Dictionary<string, string>(), 1000, new FileInfo(file).Length)],
            ParquetInspector.Inspect([file]).Columns, [], []), CancellationToken.None).GetAwaiter().GetResult();
    }

    public SqliteCatalog Catalog { get; }

    /// <summary>A query service with the given limits.</summary>
    public QueryService Create(QueryOptions? options = null) => new(
        Catalog, new LocalLakeStore(Lake), Options.Create(options ?? new QueryOptions()),
        Options.Create(new SiloOptions { DataDir = Data.Path }), TimeProvider.System, new SiloMetrics(Meters),
        NullLogger<QueryService>.Instance);

    /// <summary>Runs a query to its end and reads its rows back from the lake, as the query grain pages them.</summary>
    public async Task<QueryRun> RunAsync(QueryService service, string sql, TimeSpan? timeout = null)
    {
        var outcome = await service.RunAsync(Guid.NewGuid().ToString("N"), sql, default).WaitAsync(timeout ?? TimeSpan.FromSeconds(60));
        var rows = outcome.RowsKey is null ? [] : File.ReadLines(Lake.PathOf(outcome.RowsKey)).Select(Row).ToList();
        return new QueryRun(outcome.State, outcome.Error, outcome.Statistics, outcome.Columns, rows, outcome.ResultsKey);
    }

    // Numbers as decimal and text as string (what the assertions compare); anything nested stays JSON.
    static object?[] Row(string line) => JsonDocument.Parse(line).RootElement.EnumerateArray().Select(v => v.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.Number => v.GetDecimal(),
        JsonValueKind.String => v.GetString(),
        _ => (object?)v.Clone(),
    }).ToArray();

    /// <inheritdoc />
    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Data.Dispose();
    }
}

/// <summary>A finished execution with its rows.</summary>
public sealed record QueryRun(
    QueryState State, string? Error, QueryStatistics Statistics, IReadOnlyList<ResultColumn> Columns, List<object?[]> Rows, string? ResultsKey);
