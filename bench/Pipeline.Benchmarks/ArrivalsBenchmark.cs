using System.Diagnostics;
using System.Globalization;
using Pipeline.Core.Datasets;
using Pipeline.Core.Grains;
using Pipeline.ServiceDefaults;
using Pipeline.Silo.Hosting;

namespace Pipeline.Benchmarks;

/// <summary>(e) Arrivals recorded durably per second by one silo, through the grain interface as the SQS feed calls it.</summary>
public static class ArrivalsBenchmark
{
    const int MessagesPerReceive = 10;

    public static async Task<ArrivalFigures> RunAsync(string work, int notices, int datasets, int receivers, Action<string> log)
    {
        var dataDir = Path.Combine(work, "arrivals");
        var app = Silo(dataDir);
        await app.StartAsync();
        try
        {
            var grains = app.Services.GetRequiredService<IGrainFactory>();
            // A long batching window: the benchmark measures recording, not the runs it would start.
            var definition = new DatasetDefinition { Format = "csv", Batch = new BatchPolicy { MaxFiles = 10_000, MaxWaitSeconds = 86_400 } };
            var ids = Enumerable.Range(0, datasets).Select(i => $"feed{i:D3}").ToList();
            await Task.WhenAll(ids.Select(id => grains.GetGrain<IDatasetGrain>(id).RegisterAsync(definition)));
            log($"arrivals: {datasets} datasets registered; {receivers} receive loops record {notices:N0} notices, {MessagesPerReceive} per receive");

            // Each receive loop does what the SQS feed does with one receive: group its messages by dataset, one call each.
            var next = -1;
            var latencies = new List<double>[receivers];
            var watch = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, receivers).Select(r => Task.Run(async () =>
            {
                var mine = latencies[r] = [];
                var random = new Random(r);
                while (true)
                {
                    var first = Interlocked.Add(ref next, MessagesPerReceive) - MessagesPerReceive + 1;
                    if (first >= notices)
                    {
                        return;
                    }

                    var batch = Enumerable.Range(first, Math.Min(MessagesPerReceive, notices - first))
                        .Select(n => (Dataset: ids[random.Next(ids.Count)], Notice: new ArrivalNotice($"raw/x/{n:D7}.csv", $"\"{n:x8}\"", 1000)))
                        .GroupBy(x => x.Dataset);
                    var calls = await Task.WhenAll(batch.Select(async group =>
                    {
                        var call = Stopwatch.StartNew();
                        await grains.GetGrain<IDatasetGrain>(group.Key).RecordArrivalsAsync(group.Select(x => x.Notice).ToList());
                        return call.Elapsed.TotalMilliseconds;
                    }));
                    mine.AddRange(calls);
                }
            })));
            var elapsed = watch.Elapsed;
            var recorded = 0L;
            foreach (var id in ids)
            {
                recorded += (await grains.GetGrain<IDatasetGrain>(id).GetStatusAsync()).ArrivalsTotal;
            }

            var all = latencies.SelectMany(l => l).Order().ToList();
            log($"arrivals: {recorded:N0} recorded in {elapsed.TotalSeconds:0.0} s");
            return new ArrivalFigures(notices, datasets, receivers, MessagesPerReceive, recorded, elapsed, all.Count,
                Percentile(all, 50), Percentile(all, 99));
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    // The silo exactly as Pipeline.Silo composes it, in this process, on its own data folder and free ports.
    static WebApplication Silo(string dataDir)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Pipeline:DataDir"] = dataDir,
            ["Orleans:Endpoints:SiloPort"] = FreePort().ToString(CultureInfo.InvariantCulture),
            ["Orleans:Endpoints:GatewayPort"] = FreePort().ToString(CultureInfo.InvariantCulture),
            ["urls"] = "http://127.0.0.1:0",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.AddServiceDefaults();
        builder.AddSiloServices();
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapSiloApi();
        return app;
    }

    static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(p / 100 * sorted.Count) - 1)];
}

public sealed record ArrivalFigures(
    int Notices, int Datasets, int Receivers, int MessagesPerReceive, long Recorded, TimeSpan Elapsed, int Calls, double P50Ms, double P99Ms)
{
    public double PerSecond => Recorded / Elapsed.TotalSeconds;
}
