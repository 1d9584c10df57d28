using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Pipeline.Benchmarks;

/// <summary>One round of benchmark (a): DuckDB's COPY, then the pipeline, on the same file.</summary>
public sealed record TransformRound(TimeSpan Baseline, TimeSpan Transform, TimeSpan ArrivalToQueryable, long RowsWritten)
{
    /// <summary>Transform time over plain DuckDB COPY time in this round.</summary>
    public double Ratio => Transform.TotalSeconds / Baseline.TotalSeconds;
}

/// <summary>What benchmark (a)/(c) measured.</summary>
public sealed record TransformFigures(long FileBytes, long Rows, IReadOnlyList<TransformRound> Rounds, long SiloPeakBytes)
{
    /// <summary>Median DuckDB COPY time.</summary>
    public TimeSpan Baseline => Median(Rounds.Select(r => r.Baseline));

    /// <summary>Median transform stage time.</summary>
    public TimeSpan Transform => Median(Rounds.Select(r => r.Transform));

    /// <summary>Median arrival-to-queryable time.</summary>
    public TimeSpan ArrivalToQueryable => Median(Rounds.Select(r => r.ArrivalToQueryable));

    /// <summary>Median transform time over median COPY time.</summary>
    public double Ratio => Transform.TotalSeconds / Baseline.TotalSeconds;

    /// <summary>True when every round wrote every row.</summary>
    public bool AllRowsWritten => Rounds.All(r => r.RowsWritten == Rows);

    static TimeSpan Median(IEnumerable<TimeSpan> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}

/// <summary>
/// (a) a large CSV through the transform stage of the running silo, against DuckDB's own
/// COPY ... TO ... (FORMAT parquet, PARTITION_BY ...) of the same file in the same process run;
/// (c) the silo's peak resident memory meanwhile. The system is warmed by a small run first (a long-running
/// service is warm; a cold one spends seconds compiling its own code on the same cores), then rounds alternate
/// the two on a fresh dataset each, and the medians are compared: one sample of each is at the mercy of the machine.
/// </summary>
public static class TransformBenchmark
{
    const string Definition = "bench_trips";

    /// <summary>Runs <paramref name="rounds"/> rounds and returns the figures.</summary>
    public static async Task<TransformFigures> RunAsync(string work, long targetBytes, int rounds, Action<string> log)
    {
        var csv = Path.Combine(work, "trips.csv");
        log($"generating a {targetBytes / 1_000_000} MB CSV");
        var rows = TripsFile.Write(csv, targetBytes);
        FlushToDisk(csv);
        var bytes = new FileInfo(csv).Length;

        await using var system = await SystemUnderTest.StartAsync(Path.Combine(work, "data"));
        using var api = new ApiClient(system.ApiUrl);
        log("warming the system with a small run");
        await WarmUpAsync(api, csv);

        var results = new List<TransformRound>();
        for (var round = 1; round <= rounds; round++)
        {
            log($"round {round}/{rounds}: DuckDB COPY to partitioned Parquet");
            var baselineDir = Path.Combine(work, "baseline");
            var baseline = Baseline(csv, baselineDir);
            Directory.Delete(baselineDir, recursive: true);

            log($"round {round}/{rounds}: the same file through the running silo");
            results.Add(await PipelineAsync(api, system, csv, $"{Definition}_{round}", baseline));
            log(string.Create(CultureInfo.InvariantCulture,
                $"round {round}/{rounds}: COPY {baseline.TotalSeconds:0.00} s, transform {results[^1].Transform.TotalSeconds:0.00} s ({results[^1].Ratio:0.00}x)"));
        }

        return new TransformFigures(bytes, rows, results, system.SiloPeakMemory());
    }

    static async Task WarmUpAsync(ApiClient api, string csv)
    {
        // The first 20,000 lines (~1.5 MB) of the same file, through a dataset of the same definition.
        var sample = string.Join('\n', File.ReadLines(csv).Take(20_000)) + "\n";
        await api.RegisterAsync("bench_warmup", Spec());
        await api.UploadAsync("bench_warmup", "warmup.csv", System.Text.Encoding.UTF8.GetBytes(sample));
        await api.WaitProcessedAsync("bench_warmup", 1, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(2));
        // The status polls the measurement makes, for a while: .NET re-compiles hot code in the background during
        // the first seconds of a call path, in the Api, the silo and this process, on the cores the engine needs.
        var settle = Stopwatch.StartNew();
        while (settle.Elapsed < TimeSpan.FromSeconds(15))
        {
            await api.StatusAsync("bench_warmup");
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }

    static async Task<TransformRound> PipelineAsync(ApiClient api, SystemUnderTest system, string csv, string dataset, TimeSpan baseline)
    {
        await api.RegisterAsync(dataset, Spec());
        var raw = Path.Combine(system.DataDir, "lake", "raw", dataset);
        Directory.CreateDirectory(raw);
        // Copied under a temporary name (ignored by the watch) and flushed, so the copy's write-back does not
        // compete with the run; then renamed into place, as an uploader would.
        var temporary = Path.Combine(raw, ".trips.csv.tmp");
        File.Copy(csv, temporary);
        FlushToDisk(temporary);
        var clock = Stopwatch.StartNew();
        File.Move(temporary, Path.Combine(raw, "trips.csv"));
        var status = await api.WaitProcessedAsync(dataset, 1, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(30));
        var arrivalToQueryable = clock.Elapsed;
        var run = status["lastRun"]!;
        var transform = run["attempts"]!.AsArray().Last(a => a!["stage"]!.GetValue<string>() == "Transform")!;
        var duration = Time(transform["endedAt"]) - Time(transform["startedAt"]);
        return new TransformRound(baseline, duration, arrivalToQueryable, run["counts"]!["rowsWritten"]!.GetValue<long>());
    }

    static object Spec() => new { format = "csv", partitionBy = new[] { "vendor_id", "day(pickup_datetime)" } };

    static TimeSpan Baseline(string csv, string output)
    {
        var watch = Stopwatch.StartNew();
        Duck.Execute(string.Create(CultureInfo.InvariantCulture, $"""
            COPY (SELECT *, CAST(pickup_datetime AS DATE) AS pickup_datetime_day FROM read_csv('{csv}'))
            TO '{output}' (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (vendor_id, pickup_datetime_day))
            """));
        var elapsed = watch.Elapsed;
        foreach (var file in Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories))
        {
            FlushToDisk(file);
        }

        return elapsed;
    }

    static void FlushToDisk(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        file.Flush(flushToDisk: true);
    }

    static DateTimeOffset Time(JsonNode? node) => DateTimeOffset.Parse(node!.GetValue<string>(), CultureInfo.InvariantCulture);
}
