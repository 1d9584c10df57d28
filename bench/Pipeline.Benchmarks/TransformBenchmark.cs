using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Pipeline.DuckDb;

namespace Pipeline.Benchmarks;

/// <summary>What benchmark (a)/(c) measured.</summary>
public sealed record TransformFigures(
    long FileBytes, long Rows, TimeSpan Baseline, TimeSpan Transform, TimeSpan ArrivalToQueryable, long SiloPeakBytes, long RowsWritten)
{
    /// <summary>Transform time over plain DuckDB COPY time.</summary>
    public double Ratio => Transform.TotalSeconds / Baseline.TotalSeconds;
}

/// <summary>
/// (a) a large CSV through the transform stage of the running silo, against DuckDB's own
/// COPY ... TO ... (FORMAT parquet, PARTITION_BY ...) of the same file in the same process run;
/// (c) the silo's peak resident memory meanwhile.
/// </summary>
public static class TransformBenchmark
{
    /// <summary>Runs both and returns the figures.</summary>
    public static async Task<TransformFigures> RunAsync(string work, long targetBytes, Action<string> log)
    {
        var csv = Path.Combine(work, "trips.csv");
        log($"generating a {targetBytes / 1_000_000} MB CSV");
        var rows = TripsFile.Write(csv, targetBytes);
        var bytes = new FileInfo(csv).Length;

        log("baseline: DuckDB COPY to partitioned Parquet");
        var baseline = Baseline(csv, Path.Combine(work, "baseline"));

        log("pipeline: the same file through the running silo");
        await using var system = await SystemUnderTest.StartAsync(Path.Combine(work, "data"));
        using var api = new ApiClient(system.ApiUrl);
        await api.RegisterAsync("bench_trips", new { format = "csv", partitionBy = new[] { "vendor_id", "day(pickup_datetime)" } });
        var raw = Path.Combine(system.DataDir, "lake", "raw", "bench_trips");
        Directory.CreateDirectory(raw);
        File.Copy(csv, Path.Combine(raw, ".trips.csv.tmp"));
        var clock = Stopwatch.StartNew();
        File.Move(Path.Combine(raw, ".trips.csv.tmp"), Path.Combine(raw, "trips.csv"));
        var status = await api.WaitProcessedAsync("bench_trips", 1, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(30));
        var arrivalToQueryable = clock.Elapsed;
        var run = status["lastRun"]!;
        var transform = run["attempts"]!.AsArray().Last(a => a!["stage"]!.GetValue<string>() == "Transform")!;
        var duration = Time(transform["endedAt"]) - Time(transform["startedAt"]);
        return new TransformFigures(bytes, rows, baseline, duration, arrivalToQueryable, system.SiloPeakMemory(),
            run["counts"]!["rowsWritten"]!.GetValue<long>());
    }

    static TimeSpan Baseline(string csv, string output)
    {
        using var db = DuckDbDatabase.Open();
        using var connection = db.Connect();
        var watch = Stopwatch.StartNew();
        connection.Execute(string.Create(CultureInfo.InvariantCulture, $"""
            COPY (SELECT *, CAST(pickup_datetime AS DATE) AS pickup_datetime_day FROM read_csv('{csv}'))
            TO '{output}' (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (vendor_id, pickup_datetime_day))
            """));
        return watch.Elapsed;
    }

    static DateTimeOffset Time(JsonNode? node) => DateTimeOffset.Parse(node!.GetValue<string>(), CultureInfo.InvariantCulture);
}
