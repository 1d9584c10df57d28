using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Amazon;
using Pipeline.Aws.Athena;
using Pipeline.Aws.Json;
using Pipeline.Aws.Tests.Support;
using Pipeline.Core.Lake;
using Pipeline.Silo.Queries;

namespace Pipeline.Aws.Tests.Athena;

/// <summary>
/// Query executions on Athena against a fake Athena with Athena's states and paging (ours; every request checked
/// against Athena's model): what the query API's result files hold afterwards.
/// </summary>
public sealed class AthenaQueriesFakeServiceTests : IAsyncLifetime
{
    readonly TempFolder folder = new();
    readonly ImmediateDelays delays = new();
    FakeAthena athena = null!;
    LocalLakeStore lake = null!;

    public async Task InitializeAsync()
    {
        athena = await FakeAthena.StartAsync();
        lake = new LocalLakeStore(new LakeLayout(folder.Path));
    }

    AthenaQueries Queries(int maxRows = 100_000) => new(
        new AthenaClient(FakeClients.For(athena.Url, AwsJsonService.Athena, RegionEndpoint.EUWest1, delays)),
        new AthenaOptions { WorkGroup = "analysts" }, "lake", "s3://bucket/pipeline/query-results/athena/", lake, delays, maxRows);

    static (List<(string, string)>, List<string?[]>, string?) Fares(int rows) =>
        ([("vendor_id", "bigint"), ("fares", "decimal(38,2)"), ("avg_fare", "double"), ("day", "date"), ("late", "boolean"), ("note", "varchar")],
         [.. Enumerable.Range(1, rows).Select(i => new string?[] { $"{i}", $"{i}.25", "7.5", "2024-01-02", i % 2 == 0 ? "true" : "false", i == 1 ? null : "ok" })],
         null);

    [Fact]
    public async Task AQuery_RunsOnAthenaInTheGlueDatabase_AndEveryPageLandsTyped()
    {
        athena.Answer = _ => Fares(2500);
        var record = new QueryRecord("q-000001", "SELECT vendor_id, sum(fare) AS fares FROM trips GROUP BY 1");

        var scanned = await Queries().ExecuteAsync(record, default);

        Assert.Equal((12_345L, 2500L, false), (scanned, record.RowCount, record.Truncated));
        Assert.Equal(["vendor_id BIGINT", "fares DECIMAL(38,2)", "avg_fare DOUBLE", "day DATE", "late BOOLEAN", "note VARCHAR"],
            record.Columns.Select(c => $"{c.Name} {c.Type}"));
        var rows = File.ReadAllLines(await lake.GetLocalPathAsync(QueryService.RowsKey("q-000001")));
        Assert.Equal(2500, rows.Length);
        Assert.Equal("""[1,1.25,7.5,"2024-01-02",false,null]""", rows[0]);
        Assert.Equal("""[2500,2500.25,7.5,"2024-01-02",true,"ok"]""", rows[^1]);
        Assert.Equal("vendor_id,fares,avg_fare,day,late,note", File.ReadLines(await lake.GetLocalPathAsync(QueryService.ResultsKey("q-000001"))).First());
        var start = athena.Requests.Single(r => r.Operation == "StartQueryExecution").Body;
        Assert.Equal(("lake", "analysts", "s3://bucket/pipeline/query-results/athena/"), (start.GetProperty("QueryExecutionContext").GetProperty("Database").GetString(),
            start.GetProperty("WorkGroup").GetString(), start.GetProperty("ResultConfiguration").GetProperty("OutputLocation").GetString()));
        Assert.StartsWith("-- pipeline query q-000001 traceparent ", start.GetProperty("QueryString").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, athena.Requests.Count(r => r.Operation == "GetQueryResults"));
        Assert.Empty(athena.Problems);
    }

    [Fact]
    public async Task TheQuerySpan_CarriesAthenasQueryId_AndAthenaKeepsTheTraceparent()
    {
        athena.Answer = _ => Fares(1);
        using var source = new ActivitySource("Pipeline.Tests.Query");
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == source.Name, Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);

        using var query = source.StartActivity("query")!;
        await Queries().ExecuteAsync(new QueryRecord("q-000005", "SELECT 1"), default);

        var start = athena.Requests.Single(r => r.Operation == "StartQueryExecution").Body;
        Assert.Equal($"-- pipeline query q-000005 traceparent {query.Id}\nSELECT 1", start.GetProperty("QueryString").GetString());
        Assert.Matches("^[0-9a-f-]{36}$", (string)query.GetTagItem("pipeline.athena.query_execution_id")!);
    }

    [Theory]
    [InlineData("CREATE TABLE copy AS SELECT * FROM trips", "The statement begins with CREATE: only SELECT statements run through the query API.")]
    [InlineData("INSERT INTO trips SELECT * FROM trips", "The statement begins with INSERT: only SELECT statements run through the query API.")]
    [InlineData("SELECT 1; DROP TABLE trips", "The SQL text holds more than one statement; send one SELECT per query.")]
    [InlineData("/* SELECT */ DROP TABLE trips", "The statement begins with DROP: only SELECT statements run through the query API.")]
    [InlineData("-- nothing", "The SQL text holds no statement.")]
    public async Task AnythingButOneSelect_IsRefused_BeforeAthenaSeesIt(string sql, string reason)
    {
        var error = await Assert.ThrowsAsync<QueryRejectedException>(() => Queries().ExecuteAsync(new QueryRecord("q-000006", sql), default));

        Assert.Equal(reason, error.Message);
        Assert.Empty(athena.Requests);
    }

    [Theory]
    [InlineData("SELECT ';' AS semicolon, \"drop\" FROM trips;")]
    [InlineData("WITH t AS (SELECT 1 AS x) SELECT x FROM t")]
    [InlineData("(SELECT 1) UNION ALL (SELECT 2)")]
    [InlineData("-- the daily fares\nSELECT 1")]
    public void OneQuery_MayRun(string sql) => Assert.Null(AthenaSql.Problem(sql));

    [Fact]
    public async Task AResultOverTheRowLimit_IsCutAndMarked()
    {
        athena.Answer = _ => Fares(1500);
        var record = new QueryRecord("q-000002", "SELECT * FROM trips");

        await Queries(maxRows: 1200).ExecuteAsync(record, default);

        Assert.Equal((1200L, true), (record.RowCount, record.Truncated));
        Assert.Equal(2, athena.Requests.Count(r => r.Operation == "GetQueryResults"));
    }

    [Fact]
    public async Task AQueryAthenaFails_FailsWithAthenasReason()
    {
        athena.Answer = _ => ([], [], "COLUMN_NOT_FOUND: line 1:8: Column 'fare' cannot be resolved");

        var error = await Assert.ThrowsAsync<QueryRejectedException>(() => Queries().ExecuteAsync(new QueryRecord("q-000003", "SELECT fare FROM trips"), default));

        Assert.Matches(@"^Athena query [0-9a-f-]{36} FAILED: COLUMN_NOT_FOUND: line 1:8: Column 'fare' cannot be resolved$", error.Message);
    }

    [Fact]
    public async Task AnExecutionCancelledWhileAthenaRunsIt_StopsTheAthenaQuery()
    {
        athena.Answer = _ => Fares(1);
        using var cancel = new CancellationTokenSource();
        // The execution is cancelled while it waits to ask Athena again.
        var queries = new AthenaQueries(new AthenaClient(FakeClients.For(athena.Url, AwsJsonService.Athena, RegionEndpoint.EUWest1, delays)),
            new AthenaOptions(), "lake", "s3://bucket/results/", lake, new CancelOnPause(cancel), 100);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queries.ExecuteAsync(new QueryRecord("q-000004", "SELECT 1"), cancel.Token));

        Assert.Equal("StopQueryExecution", athena.Requests.Last().Operation);
    }

    sealed class CancelOnPause(CancellationTokenSource cancel) : TimeProvider
    {
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            cancel.Cancel();
            return base.CreateTimer(callback, state, TimeSpan.FromHours(1), period);
        }
    }

    public async Task DisposeAsync()
    {
        var problems = athena.Problems.ToList();
        await athena.DisposeAsync();
        folder.Dispose();
        Assert.Empty(problems);
    }
}
