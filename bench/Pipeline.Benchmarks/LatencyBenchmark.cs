using System.Diagnostics;
using System.Text;

namespace Pipeline.Benchmarks;

/// <summary>What benchmark (b) measured: arrival-to-queryable latencies of 1 MB CSV uploads.</summary>
public sealed record LatencyFigures(IReadOnlyList<TimeSpan> Samples)
{
    /// <summary>A percentile (nearest rank).</summary>
    public TimeSpan Percentile(double p)
    {
        var sorted = Samples.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}

/// <summary>
/// (b) on a warm system: upload a 1 MB CSV (one day of trips, as a daily drop would be), wait until its run has
/// committed (the rows are queryable).
/// </summary>
public static class LatencyBenchmark
{
    /// <summary>Runs <paramref name="samples"/> uploads after a few warm-up ones.</summary>
    public static async Task<LatencyFigures> RunAsync(string work, int samples, Action<string> log)
    {
        await using var system = await SystemUnderTest.StartAsync(Path.Combine(work, "latency"));
        using var api = new ApiClient(system.ApiUrl);
        await api.RegisterAsync("bench_latency", new { format = "csv", partitionBy = new[] { "day(pickup_datetime)" } });
        var results = new List<TimeSpan>();
        const int warmUp = 3;
        for (var i = 0; i < warmUp + samples; i++)
        {
            var file = OneMegabyte(i);
            var watch = Stopwatch.StartNew();
            await api.UploadAsync("bench_latency", $"batch-{i:D4}.csv", file);
            await api.WaitProcessedAsync("bench_latency", i + 1, TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(2));
            if (i >= warmUp)
            {
                results.Add(watch.Elapsed);
            }
        }

        log($"latency: {samples} samples");
        return new LatencyFigures(results);
    }

    static byte[] OneMegabyte(int seed)
    {
        var text = new StringBuilder("trip_id,vendor_id,pickup_datetime,fare_amount\n");
        for (var row = 0; text.Length < 1_000_000; row++)
        {
            var id = seed * 100_000 + row;
            text.Append(System.Globalization.CultureInfo.InvariantCulture,
                $"{id},{1 + id % 3},2024-01-{1 + seed % 28:D2} {row % 24:D2}:{row % 60:D2}:{row % 59:D2},{(id % 9000) / 100.0:0.00}\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
