using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Pipeline.Spark.DuckDb;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.EndToEnd;

/// <summary>The system started as the README does, driven over HTTP like a data engineer would.</summary>
public sealed class PipelineEndToEndTests(PipelineFixture fixture) : IClassFixture<PipelineFixture>
{
    PipelineClient Api => fixture.Client;

    [Fact]
    public async Task Csv_PartitionedByDate_QueryGivesExactCountsAndSums()
    {
        Assert.Equal(HttpStatusCode.Created, await Api.RegisterAsync("trips_csv", new
        {
            format = "csv",
            schema = new Dictionary<string, string> { ["fare_amount"] = "DECIMAL(10,2)", ["pickup_datetime"] = "TIMESTAMP" },
            partitionBy = new[] { "vendor_id", "day(pickup_datetime)" },
        }));
        var expected = 0m;
        for (var f = 0; f < 3; f++)
        {
            var (bytes, sum) = SampleData.TripsCsv(f * 100, 100);
            expected += sum;
            await Api.UploadAsync("trips_csv", $"2024/01/trips-{f}.csv", bytes);
        }

        await Api.WaitIdleAsync("trips_csv", 3);

        var row = Assert.Single(await Api.QueryAsync(
            "SELECT count(*), sum(fare_amount), count(DISTINCT pickup_datetime_day), min(store_and_fwd_flag) FROM trips_csv"));
        Assert.Equal(300, PipelineClient.Number(row[0]));
        Assert.Equal(expected, PipelineClient.Number(row[1]));
        Assert.Equal(3, PipelineClient.Number(row[2]));
        Assert.Equal("N", row[3]!.GetValue<string>());
        var table = await Api.GetAsync("/api/tables/trips_csv");
        Assert.Equal(["vendor_id", "pickup_datetime_day"], table["partitionKeys"]!.AsArray().Select(k => k!.GetValue<string>()));
        Assert.Equal(6, table["partitions"]!.AsArray().Count);
        Assert.Equal(300, table["rows"]!.GetValue<long>());
    }

    [Fact]
    public async Task ReUpload_SameFile_IsDuplicateAndChangesNoResult()
    {
        await Api.RegisterAsync("trips_dup", new { format = "csv", schema = new Dictionary<string, string> { ["fare_amount"] = "DECIMAL(10,2)" } });
        var (bytes, sum) = SampleData.TripsCsv(0, 50);
        Assert.False((await Api.UploadAsync("trips_dup", "a.csv", bytes))["duplicate"]!.GetValue<bool>());
        await Api.WaitIdleAsync("trips_dup", 1);

        Assert.True((await Api.UploadAsync("trips_dup", "a.csv", bytes))["duplicate"]!.GetValue<bool>());
        await Task.Delay(1500);
        await Api.WaitIdleAsync("trips_dup", 1);

        var row = Assert.Single(await Api.QueryAsync("SELECT count(*), sum(fare_amount) FROM trips_dup"));
        Assert.Equal(50, PipelineClient.Number(row[0]));
        Assert.Equal(sum, PipelineClient.Number(row[1]));
        Assert.Single((await Api.GetAsync("/api/datasets/trips_dup/runs")).AsArray());
    }

    [Fact]
    public async Task NestedJson_ObjectPerLineAndArray_FlattenedAndQueryable()
    {
        await Api.RegisterAsync("orders_json", new { format = "json" });
        await Api.UploadAsync("orders_json", "lines.json", SampleData.OrdersJson(1, 40, asArray: false));
        await Api.UploadAsync("orders_json", "array.json", SampleData.OrdersJson(41, 60, asArray: true));
        await Api.WaitIdleAsync("orders_json", 2);

        var row = Assert.Single(await Api.QueryAsync(
            "SELECT count(*), sum(amount), count(DISTINCT customer_address_city), max(len(tags)) FROM orders_json"));
        Assert.Equal(100, PipelineClient.Number(row[0]));
        Assert.Equal(SampleData.OrdersAmount(1, 100), PipelineClient.Number(row[1]));
        Assert.Equal(3, PipelineClient.Number(row[2]));
        Assert.Equal(2, PipelineClient.Number(row[3]));
    }

    [Fact]
    public async Task NdJson_WithPrimaryKey_LatestArrivalWins()
    {
        await Api.RegisterAsync("events_nd", new { format = "ndjson", primaryKey = new[] { "id" } });
        await Api.UploadAsync("events_nd", "day1.ndjson", Encoding.UTF8.GetBytes("{\"id\":1,\"v\":10}\n{\"id\":2,\"v\":20}\n"));
        await Api.WaitIdleAsync("events_nd", 1);
        await Api.UploadAsync("events_nd", "day2.ndjson", Encoding.UTF8.GetBytes("{\"id\":2,\"v\":25}\n{\"id\":3,\"v\":30}\n"));
        await Api.WaitIdleAsync("events_nd", 2);

        var rows = await Api.QueryAsync("SELECT id, v FROM events_nd ORDER BY id");

        Assert.Equal([(1m, 10m), (2m, 25m), (3m, 30m)], rows.Select(r => (PipelineClient.Number(r[0]), PipelineClient.Number(r[1]))));
    }

    [Fact]
    public async Task Parquet_Uploaded_IsQueryable()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "sensors.parquet");
        using (var connection = DuckDbOpen.Plain())
        {
            connection.Execute($"COPY (SELECT i AS sensor, i * 0.5 AS reading FROM range(1000) t(i)) TO '{path}' (FORMAT parquet)");
        }

        await Api.RegisterAsync("sensors_pq", new { format = "parquet" });
        await Api.UploadAsync("sensors_pq", "sensors.parquet", await File.ReadAllBytesAsync(path));
        await Api.WaitIdleAsync("sensors_pq", 1);

        var row = Assert.Single(await Api.QueryAsync("SELECT count(*), sum(reading) FROM sensors_pq"));
        Assert.Equal(1000, PipelineClient.Number(row[0]));
        Assert.Equal(249750m, PipelineClient.Number(row[1]));
        var execution = await Api.StartQueryAsync("SELECT sensor FROM sensors_pq ORDER BY sensor");
        var firstPage = await Api.GetAsync($"/api/queries/{execution["queryId"]}/results");
        Assert.Equal(1000, firstPage["rows"]!.AsArray().Count);
        Assert.Null(firstPage["nextPageToken"]);
    }

    [Fact]
    public async Task FileCopiedByHand_IntoRawFolder_IsPickedUp()
    {
        await Api.RegisterAsync("trips_hand", new { format = "csv", schema = new Dictionary<string, string> { ["fare_amount"] = "DECIMAL(10,2)" } });
        var (bytes, sum) = SampleData.TripsCsv(0, 25);
        var folder = Path.Combine(fixture.Data.Path, "lake", "raw", "trips_hand");
        Directory.CreateDirectory(folder);
        await File.WriteAllBytesAsync(Path.Combine(folder, "copied.csv.tmp"), bytes);
        File.Move(Path.Combine(folder, "copied.csv.tmp"), Path.Combine(folder, "copied.csv"));

        await Api.WaitIdleAsync("trips_hand", 1);

        var row = Assert.Single(await Api.QueryAsync("SELECT count(*), sum(fare_amount) FROM trips_hand"));
        Assert.Equal(25, PipelineClient.Number(row[0]));
        Assert.Equal(sum, PipelineClient.Number(row[1]));
    }

    [Fact]
    public async Task FileOverwrittenBeforeItsRun_BothVersionsRecorded_OnlyTheNewContentIsReadOnce()
    {
        await Api.RegisterAsync("overwritten", new { format = "csv", batch = new { maxWaitSeconds = 3 } });
        await Api.UploadAsync("overwritten", "day.csv", Encoding.UTF8.GetBytes("id,v\n1,10\n2,20\n"));
        await Api.UploadAsync("overwritten", "day.csv", Encoding.UTF8.GetBytes("id,v\n1,11\n2,21\n3,31\n"));
        var status = await Api.WaitIdleAsync("overwritten", 2);

        // One run holds both arrivals; the key now holds the second content only, read once.
        var row = Assert.Single(await Api.QueryAsync("SELECT count(*), sum(v) FROM overwritten"));
        Assert.Equal((3m, 63m), (PipelineClient.Number(row[0]), PipelineClient.Number(row[1])));
        var skipped = Assert.Single(status["lastRun"]!["quarantined"]!.AsArray())!;
        Assert.Contains("replaced by newer content", skipped["reason"]!.GetValue<string>(), StringComparison.Ordinal);

        // Reprocessing that run loses nothing by the skipped version: it is accepted and gives the same table.
        var runId = status["lastRun"]!["runId"]!.GetValue<string>();
        using (var reprocess = await Api.Http.PostAsync($"/api/datasets/overwritten/runs/{runId}/reprocess", null))
        {
            Assert.Equal(HttpStatusCode.Accepted, reprocess.StatusCode);
        }

        var again = await Api.WaitIdleAsync("overwritten", 2);
        Assert.Equal(("Succeeded", 1), (again["lastRun"]!["state"]!.GetValue<string>(), again["lastRun"]!["reprocessed"]!.GetValue<int>()));
        row = Assert.Single(await Api.QueryAsync("SELECT count(*), sum(v) FROM overwritten"));
        Assert.Equal((3m, 63m), (PipelineClient.Number(row[0]), PipelineClient.Number(row[1])));
    }

    [Fact]
    public async Task LaterFiles_AddColumnsAndConflictingValues_TableEvolvesAndConflictsAreQuarantined()
    {
        await Api.RegisterAsync("evolve_csv", new { format = "csv" });
        await Api.UploadAsync("evolve_csv", "day1.csv", Encoding.UTF8.GetBytes("id,v\n1,10\n2,20\n"));
        await Api.WaitIdleAsync("evolve_csv", 1);

        await Api.UploadAsync("evolve_csv", "day2.csv", Encoding.UTF8.GetBytes("id,v,note\n3,30,hello\n4,abc,oops\n"));
        var status = await Api.WaitIdleAsync("evolve_csv", 2);

        var row = Assert.Single(await Api.QueryAsync("SELECT count(*), sum(v), count(note), typeof(any_value(v)) FROM evolve_csv"));
        Assert.Equal(3, PipelineClient.Number(row[0]));
        Assert.Equal(60, PipelineClient.Number(row[1]));
        Assert.Equal(1, PipelineClient.Number(row[2]));
        Assert.Equal("BIGINT", row[3]!.GetValue<string>());
        Assert.Equal(1, status["lastRun"]!["counts"]!["rowsQuarantined"]!.GetValue<long>());
        var runs = await Api.GetAsync("/api/datasets/evolve_csv/runs");
        var rows = runs.AsArray().Select(r => r!["quarantined"]!.AsArray()).Single(q => q.Count > 0).Single()!;
        Assert.Equal(("(rows)", "quarantine/evolve_csv/run-000002/"), (rows["sourceKey"]!.GetValue<string>(), rows["location"]!.GetValue<string>()));
        Assert.StartsWith("1 row was set aside: 1 row like v: 'abc' is not BIGINT.", rows["reason"]!.GetValue<string>());
        var versions = (await Api.GetAsync("/api/tables/evolve_csv"))["versions"]!.AsArray();
        Assert.Equal(2, versions.Count);
        Assert.Contains("added note", versions[1]!["change"]!.GetValue<string>());
    }

    [Fact]
    public async Task FileWithNonUtf8Name_CopiedByHand_IsQuarantinedWithReason_OthersFlow()
    {
        await Api.RegisterAsync("latin_names", new { format = "csv" });
        var folder = Path.Combine(fixture.Data.Path, "lake", "raw", "latin_names");
        Directory.CreateDirectory(folder);
        // .NET cannot create a name that is not UTF-8; the shell writes the raw byte 0xE9 (Latin-1 'é').
        using (var shell = System.Diagnostics.Process.Start("bash", ["-c", $"printf 'id\\n1\\n' > {folder}/caf$'\\xe9'.csv"]))
        {
            await shell!.WaitForExitAsync();
        }

        // Written aside and moved in, as a copy by hand is: the watcher must never see good.csv half written.
        await File.WriteAllTextAsync(Path.Combine(folder, "good.csv.tmp"), "id\n7\n8\n");
        File.Move(Path.Combine(folder, "good.csv.tmp"), Path.Combine(folder, "good.csv"));
        var status = await Api.WaitIdleAsync("latin_names", 2);

        var runs = (await Api.GetAsync("/api/datasets/latin_names/runs")).AsArray();
        var reasons = runs.SelectMany(r => r!["quarantined"]!.AsArray()).Select(q => q!["reason"]!.GetValue<string>()).ToList();
        Assert.Contains(reasons, r => r.Contains("not valid UTF-8", StringComparison.Ordinal));
        Assert.All(runs, r => Assert.Equal("Succeeded", r!["state"]!.GetValue<string>()));
        var row = Assert.Single(await Api.QueryAsync("SELECT count(*), sum(id) FROM latin_names"));
        Assert.Equal(2, PipelineClient.Number(row[0]));
        Assert.Equal(15, PipelineClient.Number(row[1]));
        Assert.Equal(2, status["arrivalsTotal"]!.GetValue<long>());
    }

    [Fact]
    public async Task SemicolonFileWithARaggedLine_LandsItsGoodRows_AndTheRunShowsTheLineSetAside()
    {
        await Api.RegisterAsync("ragged_csv", new { format = "csv" });
        var lines = Enumerable.Range(1, 50).Select(i => $"{i};store {i};{i}.5").ToList();
        lines[29] = "30;store 30";
        await Api.UploadAsync("ragged_csv", "sales.csv", Encoding.UTF8.GetBytes("id;store;amount\n" + string.Join("\n", lines) + "\n"));
        var status = await Api.WaitIdleAsync("ragged_csv", 1);

        var row = Assert.Single(await Api.QueryAsync("SELECT count(*), sum(id), typeof(any_value(amount)) FROM ragged_csv"));
        Assert.Equal((49m, 1275m - 30m, "DOUBLE"), (PipelineClient.Number(row[0]), PipelineClient.Number(row[1]), row[2]!.GetValue<string>()));
        Assert.Equal(1, status["lastRun"]!["counts"]!["linesSetAside"]!.GetValue<long>());
        var run = await Api.GetAsync("/api/datasets/ragged_csv/runs/run-000001");
        Assert.Equal(("duckdb", "834 B in 1 file; Pipeline:Transform:Engine is DuckDb"),
            (run["engine"]!["engine"]!.GetValue<string>(), run["engine"]!["reason"]!.GetValue<string>()));
        var source = Assert.Single(run["sources"]!.AsArray())!;
        Assert.Equal("detected: delimiter ';', quote '\"', header", source["dialect"]!.GetValue<string>());
        Assert.Equal(49, source["rowsRead"]!.GetValue<long>());
        var setAside = Assert.Single(source["setAside"]!.AsArray())!;
        Assert.Equal(("line", "has 2 fields where 3 are expected", 1L, 31L),
            (setAside["kind"]!.GetValue<string>(), setAside["reason"]!.GetValue<string>(), setAside["count"]!.GetValue<long>(), setAside["firstLine"]!.GetValue<long>()));
        var entry = run["quarantined"]!.AsArray().Single(q => q!["sourceKey"]!.GetValue<string>() == "(lines)")!;
        Assert.StartsWith("1 malformed line was set aside from 1 file: line 31 of sales.csv has 2 fields where 3 are expected.", entry["reason"]!.GetValue<string>());
        var quarantine = Path.Combine(fixture.Data.Path, "lake", "quarantine", "ragged_csv", "run-000001");
        var file = Assert.Single(Directory.GetFiles(quarantine, "*_lines.ndjson"));
        Assert.Contains("\"_text\":\"30;store 30\"", await File.ReadAllTextAsync(file), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHeaderlessFeed_ReadsALaterFileOfTextAlone_WithTheDialectOfItsEarlierFiles()
    {
        await Api.RegisterAsync("sensor_feed", new { format = "csv" });
        await Api.UploadAsync("sensor_feed", "r1.csv", "S1;ok;20.5\nS2;ok;21.0\n"u8.ToArray());
        await Api.WaitIdleAsync("sensor_feed", 1);
        // No number in it: alone, its first line would be taken for a header and lost as a row.
        await Api.UploadAsync("sensor_feed", "r2.csv", "S3;offline;\nS4;offline;\n"u8.ToArray());
        await Api.WaitIdleAsync("sensor_feed", 2);

        var row = Assert.Single(await Api.QueryAsync("SELECT count(*), count(column2), string_agg(column0, ',' ORDER BY column0) FROM sensor_feed"));
        Assert.Equal((4m, 2m, "S1,S2,S3,S4"), (PipelineClient.Number(row[0]), PipelineClient.Number(row[1]), row[2]!.GetValue<string>()));
        var run = await Api.GetAsync("/api/datasets/sensor_feed/runs/run-000002");
        Assert.Equal("as the dataset's earlier files: delimiter ';', quote '\"', no header",
            Assert.Single(run["sources"]!.AsArray())!["dialect"]!.GetValue<string>());
    }

    [Fact]
    public async Task Expectations_DropWarnAndFail_ShowOnTheRun_AndAFailedRunCommitsNothing()
    {
        await Api.RegisterAsync("checked_sales", new
        {
            format = "csv",
            expectations = new object[]
            {
                new { name = "positive_amount", action = "drop", range = new { column = "amount", min = 0 } },
                new { name = "store_code", action = "warn", regex = new { column = "store", pattern = "S[0-9]+" } },
                new { name = "not_too_many", action = "fail", rowCount = new { max = 3 } },
            },
        });
        await Api.UploadAsync("checked_sales", "a.csv", "id,store,amount\n1,S1,10.5\n2,S2,-4\n3,shop,7\n"u8.ToArray());
        await Api.WaitIdleAsync("checked_sales", 1);

        var row = Assert.Single(await Api.QueryAsync("SELECT count(*), sum(id) FROM checked_sales"));
        Assert.Equal((2m, 4m), (PipelineClient.Number(row[0]), PipelineClient.Number(row[1])));
        var run = await Api.GetAsync("/api/datasets/checked_sales/runs/run-000001");
        var results = run["expectations"]!.AsArray().Select(e => (e!["name"]!.GetValue<string>(), e["action"]!.GetValue<string>(),
            e["checked"]!.GetValue<long>(), e["failed"]!.GetValue<long>(), e["example"]?.GetValue<string>())).ToList();
        Assert.Equal([("positive_amount", "drop", 3L, 1L, "amount = '-4.0'"), ("store_code", "warn", 3L, 1L, "store = 'shop'"),
            ("not_too_many", "fail", 1L, 0L, null)], results);

        await Api.UploadAsync("checked_sales", "b.csv", "id,store,amount\n4,S4,1\n5,S5,2\n6,S6,3\n7,S7,4\n"u8.ToArray());
        var status = await Api.WaitIdleAsync("checked_sales", 2);

        Assert.Equal("Failed", status["lastRun"]!["state"]!.GetValue<string>());
        var failed = await Api.GetAsync("/api/datasets/checked_sales/runs/run-000002");
        Assert.Contains("expectation 'not_too_many' failed: 4 rows written, more than max 3", failed["attempts"]!.AsArray().Last()!["error"]!.GetValue<string>(),
            StringComparison.Ordinal);
        Assert.Equal(1, failed["expectations"]!.AsArray().Single(e => e!["name"]!.GetValue<string>() == "not_too_many")!["failed"]!.GetValue<long>());
        Assert.Equal(2m, PipelineClient.Number(Assert.Single(await Api.QueryAsync("SELECT count(*) FROM checked_sales"))[0]));

        // The expectation fixed, the failed run is retried with it: its rows land.
        await Api.RegisterAsync("checked_sales", new
        {
            format = "csv",
            expectations = new object[] { new { name = "not_too_many", action = "fail", rowCount = new { max = 10 } } },
        });
        using var retried = await Api.Http.PostAsync("/api/datasets/checked_sales/runs/run-000002/retry", null);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, retried.StatusCode);
        for (var i = 0; i < 300 && (await Api.GetAsync("/api/datasets/checked_sales/runs/run-000002"))["state"]!.GetValue<string>() != "Succeeded"; i++)
        {
            await Task.Delay(100);
        }

        Assert.Equal(6m, PipelineClient.Number(Assert.Single(await Api.QueryAsync("SELECT count(*) FROM checked_sales"))[0]));
    }

    [Fact]
    public async Task FrozenSchema_QuarantinesAFileWithANewColumn_AndTheRunShowsTheDrift()
    {
        await Api.RegisterAsync("frozen_sales", new { format = "csv", schemaDrift = "freeze" });
        await Api.UploadAsync("frozen_sales", "a.csv", "id,amount\n1,2.5\n"u8.ToArray());
        await Api.WaitIdleAsync("frozen_sales", 1);
        await Api.UploadAsync("frozen_sales", "b.csv", "id,amount,tip\n2,3.5,1\n"u8.ToArray());
        await Api.WaitIdleAsync("frozen_sales", 2);

        Assert.Equal(1m, PipelineClient.Number(Assert.Single(await Api.QueryAsync("SELECT count(*) FROM frozen_sales"))[0]));
        var run = await Api.GetAsync("/api/datasets/frozen_sales/runs/run-000002");
        var drift = Assert.Single(run["schemaDrift"]!.AsArray())!;
        Assert.Equal(("tip", "new column (BIGINT)", "file quarantined (schemaDrift freeze)"),
            (drift["column"]!.GetValue<string>(), drift["change"]!.GetValue<string>(), drift["action"]!.GetValue<string>()));
        Assert.StartsWith("its columns differ from the table's and the dataset's schemaDrift is freeze: new column tip (BIGINT).",
            Assert.Single(run["quarantined"]!.AsArray())!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_AfterTheDefinitionIsFixed_BringsBackSetAsideRowsAndFailedRuns_WithoutDoubling()
    {
        object Definition(string? dateFormat, int maxRows) => new
        {
            format = "csv",
            schema = new { day = "DATE" },
            dateFormat,
            expectations = new object[] { new { name = "small", action = "fail", rowCount = new { max = maxRows } } },
        };
        await Api.RegisterAsync("replayed", Definition(null, 2));
        await Api.UploadAsync("replayed", "a.csv", "id,day\n1,2024-06-01\n2,06/02/2024\n"u8.ToArray());
        await Api.WaitIdleAsync("replayed", 1);
        await Api.UploadAsync("replayed", "b.csv", "id,day\n3,2024-06-03\n4,2024-06-04\n5,2024-06-05\n"u8.ToArray());
        await Api.WaitIdleAsync("replayed", 2);
        Assert.Equal(1m, PipelineClient.Number(Assert.Single(await Api.QueryAsync("SELECT count(*) FROM replayed"))[0]));

        await Api.RegisterAsync("replayed", Definition("%m/%d/%Y", 10));
        using var started = await Api.Http.PostAsync("/api/datasets/replayed/replay", null);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, started.StatusCode);
        var replay = JsonNode.Parse(await started.Content.ReadAsStringAsync())!;
        Assert.Equal("run-000001", replay["runId"]!.GetValue<string>());
        Assert.Equal(["run-000001 reprocess", "run-000002 retry"], replay["runs"]!.AsArray().Select(r => $"{r!["runId"]} {r["action"]}"));
        for (var i = 0; i < 300 && !(replay = await Api.GetAsync("/api/datasets/replayed/replay"))["done"]!.GetValue<bool>(); i++)
        {
            await Task.Delay(100);
        }

        Assert.Equal((1, 1L), (replay["cameBack"]!["files"]!.GetValue<int>(), replay["cameBack"]!["rows"]!.GetValue<long>()));
        Assert.Equal((0, 0L), (replay["stillSetAside"]!["files"]!.GetValue<int>(), replay["stillSetAside"]!["rows"]!.GetValue<long>()));
        var row = Assert.Single(await Api.QueryAsync("SELECT count(*), count(DISTINCT id), sum(id), min(day) FROM replayed"));
        Assert.Equal((5m, 5m, 15m), (PipelineClient.Number(row[0]), PipelineClient.Number(row[1]), PipelineClient.Number(row[2])));

        using var again = await Api.Http.PostAsync("/api/datasets/replayed/replay", null);
        Assert.Equal(System.Net.HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("Nothing is set aside", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
