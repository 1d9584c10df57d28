using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Pipeline.Benchmarks;

/// <summary>What the load run measured and verified.</summary>
public sealed record LoadFigures(
    int Files, int Datasets, int Clients, TimeSpan Elapsed, IReadOnlyList<TimeSpan> UploadLatencies,
    IReadOnlyList<TimeSpan> ArrivalToQueryable, int Runs, int QueriesRun, bool Exact)
{
    /// <summary>Files per second, first upload to everything queryable.</summary>
    public double FilesPerSecond => Files / Elapsed.TotalSeconds;
}

/// <summary>
/// A bounded load on loopback: clients upload files spread over datasets while queries run; then every
/// file must be recorded exactly once, every run must succeed and every table's count and sum be exact.
/// </summary>
public static class LoadBenchmark
{
    const int RowsPerFile = 40;

    /// <summary>Runs the load.</summary>
    public static async Task<LoadFigures> RunAsync(string work, int files, int datasets, int clients, Action<string> log)
    {
        await using var system = await SystemUnderTest.StartAsync(Path.Combine(work, "load"));
        using var api = new ApiClient(system.ApiUrl);
        using var http = new HttpClient { BaseAddress = system.ApiUrl, Timeout = TimeSpan.FromMinutes(5) };
        for (var d = 0; d < datasets; d++)
        {
            await api.RegisterAsync(Name(d), new { format = "csv", schema = new Dictionary<string, string> { ["fare"] = "DECIMAL(10,2)" } });
        }

        var uploadEnds = new ConcurrentDictionary<int, DateTimeOffset>();
        var latencies = new ConcurrentBag<TimeSpan>();
        var next = -1;
        var clock = Stopwatch.StartNew();
        using var stopQueries = new CancellationTokenSource();
        var queries = QueryLoopAsync(http, datasets, stopQueries.Token);
        log($"load: {clients} clients upload {files} files to {datasets} datasets");
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < files; i = Interlocked.Increment(ref next))
            {
                var watch = Stopwatch.StartNew();
                await api.UploadAsync(Name(i % datasets), $"part-{i:D5}.csv", File(i));
                latencies.Add(watch.Elapsed);
                uploadEnds[i] = DateTimeOffset.UtcNow;
            }
        }));

        var statuses = new List<JsonNode>();
        for (var d = 0; d < datasets; d++)
        {
            statuses.Add(await api.WaitProcessedAsync(Name(d), files / datasets + (d < files % datasets ? 1 : 0), TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(10)));
        }

        var elapsed = clock.Elapsed;
        await stopQueries.CancelAsync();
        var queriesRun = await queries;
        var (exact, toQueryable, runs) = await VerifyAsync(http, api, files, datasets, uploadEnds);
        return new LoadFigures(files, datasets, clients, elapsed, [.. latencies], toQueryable, runs, queriesRun, exact);
    }

    static async Task<(bool Exact, List<TimeSpan> ToQueryable, int Runs)> VerifyAsync(
        HttpClient http, ApiClient api, int files, int datasets, ConcurrentDictionary<int, DateTimeOffset> uploadEnds)
    {
        var exact = true;
        var toQueryable = new List<TimeSpan>();
        var runCount = 0;
        for (var d = 0; d < datasets; d++)
        {
            var mine = Enumerable.Range(0, files).Where(i => i % datasets == d).ToList();
            var row = await QueryAsync(http, $"SELECT count(*), sum(fare), count(DISTINCT _source_file) FROM {Name(d)}");
            exact &= row is not null && Num(row[0]) == mine.Count * RowsPerFile && Num(row[1]) == mine.Sum(Sum) && Num(row[2]) == mine.Count;
            var status = await api.StatusAsync(Name(d));
            exact &= status["arrivalsTotal"]!.GetValue<long>() == mine.Count;
            var runs = JsonNode.Parse(await http.GetStringAsync($"/api/datasets/{Name(d)}/runs"))!.AsArray().Reverse().ToList();
            runCount += runs.Count;
            exact &= runs.All(r => r!["state"]!.GetValue<string>() == "Succeeded");
            // Runs claim files in arrival order: the k-th recorded file is in the run covering k.
            var arrivals = mine.OrderBy(i => uploadEnds[i]).ToList();
            var k = 0;
            foreach (var run in runs)
            {
                var ended = DateTimeOffset.Parse(run!["endedAt"]!.GetValue<string>(), CultureInfo.InvariantCulture);
                for (var f = 0; f < run["files"]!.GetValue<int>() && k < arrivals.Count; f++, k++)
                {
                    toQueryable.Add(ended - uploadEnds[arrivals[k]]);
                }
            }
        }

        return (exact, toQueryable, runCount);
    }

    static async Task<int> QueryLoopAsync(HttpClient http, int datasets, CancellationToken stop)
    {
        // Only the queries that answered count (a table not created yet fails its query).
        var count = 0;
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            if (await QueryAsync(http, $"SELECT count(*) FROM {Name(i % datasets)}") is not null)
            {
                count++;
            }
        }

        return count;
    }

    static async Task<JsonArray?> QueryAsync(HttpClient http, string sql)
    {
        using var response = await http.PostAsJsonAsync("/api/queries", new { sql });
        var id = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["queryId"]!.GetValue<string>();
        while (true)
        {
            var state = JsonNode.Parse(await http.GetStringAsync($"/api/queries/{id}"))!["state"]!.GetValue<string>();
            if (state == "Succeeded")
            {
                var page = JsonNode.Parse(await http.GetStringAsync($"/api/queries/{id}/results"))!;
                return page["rows"]!.AsArray().FirstOrDefault()?.AsArray();
            }

            if (state is "Failed" or "Cancelled")
            {
                return null;
            }

            await Task.Delay(20);
        }
    }

    static string Name(int d) => $"load_{d:D2}";

    static decimal Num(JsonNode? node) => decimal.Parse(node!.ToString(), CultureInfo.InvariantCulture);

    static decimal Fare(int file, int row) => (file * 7 + row) % 5000 / 100m;

    static decimal Sum(int file) => Enumerable.Range(0, RowsPerFile).Sum(r => Fare(file, r));

    static byte[] File(int file)
    {
        var text = new StringBuilder("id,fare\n");
        for (var r = 0; r < RowsPerFile; r++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{file * RowsPerFile + r},{Fare(file, r):0.00}\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
