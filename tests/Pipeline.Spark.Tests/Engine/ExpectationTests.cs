using Pipeline.Core.Datasets;
using Pipeline.Core.Expectations;
using Pipeline.Core.Transform;
using Pipeline.Spark.Engine;
using Pipeline.Spark.Tests.Support;

namespace Pipeline.Spark.Tests.Engine;

/// <summary>Expectations on a real CSV file of trips with planted bad rows, through DuckDB.</summary>
public sealed class ExpectationTests : IDisposable
{
    const string Trips = """
        trip_id,pickup_at,fare,tip,zone,payment
        1,2024-03-01 10:00:00,12.50,2.00,NY-1,card
        2,2024-03-01 10:05:00,-3.00,-3.00,NY-2,cash
        3,2024-03-01 10:10:00,8.00,9.00,NY-3,card
        ,2024-03-01 10:15:00,5.00,1.00,NY-4,card
        5,2024-03-01 10:20:00,7.00,1.00,bad zone,bitcoin
        5,2024-03-01 10:25:00,6.00,0.50,NY-6,cash
        7,2024-03-01 10:30:00,abc,1.00,NY-7,card

        """;

    readonly TempFolder _folder = new();
    readonly Lake _lake = new();

    async Task<(TransformResult Result, TransformRequest Request)> RunAsync(params ExpectationDefinition[] expectations)
    {
        var spec = Specs.Spec(new DatasetDefinition
        {
            Format = "csv",
            Schema = new() { ["fare"] = "DECIMAL(10,2)", ["pickup_at"] = "TIMESTAMP" },
            Expectations = [.. expectations],
        });
        var request = Specs.Request(spec, _folder, [_folder.Write("trips.csv", Trips)]);
        return (await new DuckDbTransformEngine().RunAsync(request), request);
    }

    List<string> Written(TransformRequest request) =>
        _lake.Lines($"SELECT coalesce(CAST(trip_id AS VARCHAR), 'NULL'), fare FROM {Lake.Parquet(request.OutputDir)} ORDER BY pickup_at");

    [Fact]
    public async Task DropExpectations_QuarantineTheFailingRows_WithTheExpectationsName()
    {
        var (result, request) = await RunAsync(
            new() { Name = "trip_id_present", Action = "drop", NotNull = "trip_id" },
            new() { Name = "fare_in_range", Action = "drop", Range = new() { Column = "fare", Min = "0", Max = "500" } },
            new() { Name = "known_payment", Action = "drop", AcceptedValues = new() { Column = "payment", Values = ["card", "cash"] } },
            new() { Name = "tip_below_fare", Action = "drop", Sql = "tip <= fare" });

        Assert.Equal(["1|12.50", "5|6.00"], Written(request));
        Assert.Equal((7, 2, 5), (result.RowsIn, result.RowsWritten, result.RowsQuarantined));
        var reasons = _lake.Lines($"SELECT _reason FROM {Lake.Json(request.QuarantineDir)} ORDER BY _reason");
        Assert.Equal([
            "expectation 'fare_in_range' failed: fare = '-3.00'",
            "expectation 'known_payment' failed: payment = 'bitcoin'",
            "expectation 'tip_below_fare' failed: trip_id = 3, pickup_at = 2024-03-01 10:10:00, fare = 8.00, tip = 9.0, zone = NY-3, payment = card",
            "expectation 'trip_id_present' failed: trip_id is NULL",
            "fare: 'abc' is not DECIMAL(10,2)",
        ], reasons);
        Assert.Equal([
            new ExpectationResult("trip_id_present", "drop", 6, 5, 1, "trip_id is NULL"),
            new ExpectationResult("fare_in_range", "drop", 6, 5, 1, "fare = '-3.00'"),
            new ExpectationResult("known_payment", "drop", 6, 5, 1, "payment = 'bitcoin'"),
            new ExpectationResult("tip_below_fare", "drop", 6, 5, 1,
                "trip_id = 3, pickup_at = 2024-03-01 10:10:00, fare = 8.00, tip = 9.0, zone = NY-3, payment = card"),
        ], result.Expectations);
    }

    [Fact]
    public async Task ASqlExpectation_SeesTheTableTypes_NotTheRawText()
    {
        // As text, '8.00' >= '10' holds; as DECIMAL it does not.
        var (result, request) = await RunAsync(new ExpectationDefinition { Name = "big_fare", Action = "drop", Sql = "fare >= 10" });

        Assert.Equal(["1|12.50"], Written(request));
        Assert.Equal(5, Assert.Single(result.Expectations).Failed);
    }

    [Fact]
    public async Task WarnExpectations_KeepEveryRow_AndCountTheFailures()
    {
        var (result, request) = await RunAsync(
            new() { Name = "zone_code", Action = "warn", Regex = new() { Column = "zone", Pattern = @"[A-Z]{2}-\d+" } },
            new() { Name = "trip_id_unique", Action = "warn", Unique = "trip_id" },
            new() { Name = "recent", Action = "warn", Freshness = new() { Column = "pickup_at", MaxAgeSeconds = 3600 } },
            new() { Name = "enough", Action = "warn", RowCount = new() { Min = 100 } });

        Assert.Equal(6, result.RowsWritten);
        Assert.Equal([
            new ExpectationResult("zone_code", "warn", 6, 5, 1, "zone = 'bad zone'"),
            new ExpectationResult("trip_id_unique", "warn", 6, 5, 1, "trip_id = '5'"),
            new ExpectationResult("recent", "warn", 1, 0, 1, "the newest pickup_at (2024-03-01 10:25:00Z) is 7545 s old, more than maxAgeSeconds 3600"),
            new ExpectationResult("enough", "warn", 1, 0, 1, "6 rows written, fewer than min 100"),
        ], result.Expectations);
        Assert.Equal(6, Written(request).Count);
    }

    [Fact]
    public async Task AFailExpectationThatFails_FailsTheRun_NotTransient_WithTheResults()
    {
        var error = await Assert.ThrowsAsync<TransformException>(() => RunAsync(
            new() { Name = "trip_id_present", Action = "fail", NotNull = "trip_id" },
            new() { Name = "small_batches", Action = "fail", RowCount = new() { Max = 3 } }));

        Assert.False(error.Transient);
        Assert.Equal("expectation 'trip_id_present' failed on 1 of 6 rows, e.g. trip_id is NULL; expectation 'small_batches' failed: 6 rows written, " +
            "more than max 3. The run commits nothing; fix the data or the expectation, then retry the run.", error.Message);
        Assert.Equal([1L, 1L], error.Expectations!.Select(e => e.Failed));
    }

    [Fact]
    public async Task PassingExpectations_ChangeNothing()
    {
        var (result, request) = await RunAsync(
            new() { Name = "zone_present", Action = "fail", NotNull = "zone" },
            new() { Name = "fare_cap", Action = "drop", Range = new() { Column = "fare", Max = "500" } });

        Assert.Equal((7, 6, 1), (result.RowsIn, result.RowsWritten, result.RowsQuarantined));
        Assert.All(result.Expectations, e => Assert.Equal((6, 6, 0), (e.Checked, e.Passed, e.Failed)));
    }

    [Fact]
    public async Task AnExpectationOnAColumnNoFileHas_JudgesItNull()
    {
        var (result, _) = await RunAsync(
            new() { Name = "has_driver", Action = "warn", NotNull = "driver" },
            new() { Name = "driver_code", Action = "warn", Regex = new() { Column = "driver", Pattern = "D[0-9]+" } });

        Assert.Equal([(6L, 6L), (6L, 0L)], result.Expectations.Select(e => (e.Checked, e.Failed)));
    }

    [Fact]
    public async Task ASqlExpectationNamingAColumnTheDataLacks_FailsTheRun_NamingIt()
    {
        var error = await Assert.ThrowsAsync<TransformException>(() => RunAsync(new ExpectationDefinition { Name = "tipped", Action = "warn", Sql = "tips > 0" }));

        Assert.False(error.Transient);
        Assert.StartsWith("Expectation 'tipped': its sql does not apply to the run's columns (trip_id, pickup_at, fare, tip, zone, payment): ", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"tips\" not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UniqueOnThePrimaryKey_CountsKeysTheTableHasFromEarlierRuns()
    {
        // Outside the input files' folder, as the table's folder is: the engine's sandbox must let it read the file.
        using var tableFolder = new TempFolder();
        var table = tableFolder.Path;
        _lake.Execute($"COPY (SELECT * FROM (VALUES (1, 'run-0'), (3, 'run-0'), (2, 'run-1')) AS t(trip_id, _run_id)) TO '{Path.Combine(table, "t.parquet")}'");
        var spec = Specs.Spec(new DatasetDefinition
        {
            Format = "csv",
            PrimaryKey = ["trip_id"],
            Expectations = [new() { Name = "new_trips_only", Action = "warn", Unique = "trip_id" }],
        });
        // run-1 is this run: its own earlier output (a reprocess replaces it) is not "the table already".
        var request = Specs.Request(spec, _folder, [_folder.Write("trips.csv", Trips)]) with { TableFiles = [Path.Combine(table, "t.parquet")] };

        var result = await new DuckDbTransformEngine().RunAsync(request);

        var unique = Assert.Single(result.Expectations);
        Assert.Equal((6L, 3L, "trip_id = '5'"), (unique.Checked, unique.Failed, unique.Example));
    }

    public void Dispose()
    {
        _lake.Dispose();
        _folder.Dispose();
    }
}
