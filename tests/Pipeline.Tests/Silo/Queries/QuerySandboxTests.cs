using Pipeline.Core.Queries;
using Pipeline.Silo.Queries;

namespace Pipeline.Tests.Silo.Queries;

/// <summary>SQL through the query service can read only the processed and curated zones and never write.</summary>
public sealed class QuerySandboxTests(QueryServiceFixture fixture) : IClassFixture<QueryServiceFixture>
{
    static readonly string[] Readers =
    [
        "read_csv('{0}')", "read_csv_auto('{0}')", "read_csv('{0}', all_varchar = true)", "sniff_csv('{0}')",
        "read_json('{0}')", "read_json_auto('{0}')", "read_ndjson('{0}')", "read_json_objects('{0}')",
        "read_parquet('{0}')", "parquet_metadata('{0}')", "parquet_schema('{0}')", "parquet_file_metadata('{0}')",
        "parquet_kv_metadata('{0}')", "read_text('{0}')", "read_blob('{0}')", "glob('{0}')",
    ];

    public static TheoryData<string> ReaderNames() => [.. Readers];

    [Theory]
    [MemberData(nameof(ReaderNames))]
    public async Task Reader_FileOutsideProcessedAndCurated_IsRefused(string reader)
    {
        var service = fixture.Create();
        foreach (var path in new[] { "/etc/passwd", fixture.Secret, Path.Combine(fixture.Lake.Zone("raw"), "raw.csv"), fixture.Lake.Zone("raw") + "/*", "/etc/*" })
        {
            var record = await fixture.RunAsync(service, $"SELECT * FROM {string.Format(System.Globalization.CultureInfo.InvariantCulture, reader, path)}");

            Assert.Equal(QueryState.Failed, record.State);
            Assert.Contains("Permission", record.Error);
            Assert.DoesNotContain(record.Rows, r => r.Any(v => v?.ToString()?.Contains("hunter2") == true || v?.ToString()?.Contains("root:") == true));
        }
    }

    [Theory]
    [InlineData("COPY (SELECT 1) TO '{processed}/trips/evil.parquet' (FORMAT parquet)", "Copy")]
    [InlineData("CREATE TABLE x AS SELECT 1", "Create")]
    [InlineData("INSERT INTO trips VALUES (1, 1, 1, 'x')", "(refused while preparing)")]
    [InlineData("ATTACH '{processed}/evil.db' AS evil", "Attach")]
    [InlineData("INSTALL httpfs", "Load")]
    [InlineData("LOAD parquet", "Load")]
    [InlineData("SET enable_external_access = true", "Set")]
    [InlineData("PRAGMA threads = 1", "Set")]
    [InlineData("CALL pragma_version()", "Call")]
    [InlineData("EXPORT DATABASE '{processed}/export'", "Export")]
    [InlineData("SELECT 1; COPY (SELECT 1) TO '{processed}/evil.csv'", "Copy")]
    [InlineData("DETACH memory", "Detach")]
    public async Task NonReadStatement_IsRejectedByItsStatementType(string sql, string type)
    {
        var service = fixture.Create();
        var processed = fixture.Lake.Zone("processed");

        var record = await fixture.RunAsync(service, sql.Replace("{processed}", processed, StringComparison.Ordinal));

        Assert.Equal(QueryState.Failed, record.State);
        Assert.Empty(record.Rows);
        if (type != "(refused while preparing)")
        {
            Assert.Contains($"is {type}: only SELECT statements", record.Error);
        }
        Assert.False(File.Exists(Path.Combine(processed, "trips", "evil.parquet")));
        Assert.False(File.Exists(Path.Combine(processed, "evil.db")));
    }

    [Fact]
    public async Task Select_Table_ReturnsExactRowsAndStatistics()
    {
        var record = await fixture.RunAsync(fixture.Create(), "SELECT count(*), sum(fare), count(DISTINCT vendor) FROM trips");

        Assert.Equal(QueryState.Succeeded, record.State);
        Assert.Equal([1000m, 124875m, 7m], record.Rows.Single().Select(v => Convert.ToDecimal(v, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.True(record.Statistics.BytesScanned > 0);
        Assert.True(File.Exists(fixture.Lake.PathOf(record.ResultsKey!)));
    }

    [Fact]
    public async Task Timeout_LongQuery_IsCancelledWithReason()
    {
        var service = fixture.Create(new QueryOptions { Timeout = TimeSpan.FromSeconds(1) });

        var record = await fixture.RunAsync(service, "SELECT sum(a.range * b.range) FROM range(1000000000) a, range(1000) b");

        Assert.Equal(QueryState.Cancelled, record.State);
        Assert.Contains("ran longer than", record.Error);
    }

    [Fact]
    public async Task Cancel_RunningQuery_EndsCancelled()
    {
        var service = fixture.Create();
        var id = Guid.NewGuid().ToString("N");
        var run = service.RunAsync(id, "SELECT sum(a.range * b.range) FROM range(1000000000) a, range(1000) b", default);

        // Cancel only once the query runs: cancelling a queued one is another case.
        var runningBy = DateTime.UtcNow.AddSeconds(30);
        while (service.StateOf(id) != QueryState.Running && DateTime.UtcNow < runningBy)
        {
            await Task.Delay(50);
        }

        Assert.Equal(QueryState.Running, service.StateOf(id));

        Assert.True(service.Cancel(id));

        var outcome = await run.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(QueryState.Cancelled, outcome.State);
        Assert.Null(service.StateOf(id));
    }

    [Fact]
    public async Task RowLimit_LargeResult_IsCutAndMarkedTruncated()
    {
        var record = await fixture.RunAsync(fixture.Create(new QueryOptions { MaxResultRows = 10 }), "SELECT * FROM trips");

        Assert.Equal(QueryState.Succeeded, record.State);
        Assert.Equal(10, record.Rows.Count);
        Assert.True(record.Statistics.Truncated);
    }

    [Fact]
    public async Task ConcurrentQueries_EachGetsItsOwnExactResult()
    {
        var service = fixture.Create(new QueryOptions { MaxConcurrent = 4 });

        var records = await Task.WhenAll(Enumerable.Range(0, 12).Select(k =>
            fixture.RunAsync(service, $"SELECT sum(id) + {k} FROM trips WHERE vendor >= 0")));

        Assert.All(records, r => Assert.Equal(QueryState.Succeeded, r.State));
        Assert.Equal(Enumerable.Range(0, 12).Select(k => 499500m + k),
            records.Select(r => Convert.ToDecimal(r.Rows.Single()[0], System.Globalization.CultureInfo.InvariantCulture)));
    }
}
