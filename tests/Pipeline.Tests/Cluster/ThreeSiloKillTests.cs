using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

using Pipeline.Tests.Support;

namespace Pipeline.Tests.Cluster;

/// <summary>
/// Three silo processes and the Api on one Orleans cluster whose membership is in a real redis-server, sharing one
/// data folder. Files arrive continuously; one silo is killed with SIGKILL mid-run. Nothing may be lost or doubled.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ThreeSiloKillTests : IAsyncLifetime
{
    const int Datasets = 6, FilesPerDataset = 12, RowsPerFile = 50;
    readonly TempFolder data = new();
    readonly List<ServiceProcess> silos = [];
    RedisServer redis = null!;
    ServiceProcess api = null!;

    public async Task InitializeAsync()
    {
        redis = await RedisServer.StartAsync();
        var cluster = new Dictionary<string, string>
        {
            ["Pipeline__DataDir"] = data.Path,
            ["Pipeline__Cluster__Redis"] = redis.ConnectionString,
            ["Orleans__ClusterId"] = "kill-test",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        for (var i = 0; i < 3; i++)
        {
            silos.Add(ServiceProcess.Start($"silo{i}", "Pipeline.Silo", new Dictionary<string, string>(cluster)
            {
                ["Orleans__Endpoints__SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
                ["Orleans__Endpoints__GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
                ["Orleans__Endpoints__AdvertisedIPAddress"] = "127.0.0.1",
                // A dead silo is declared so after about two missed one-second probes (the test waits for that).
                ["Orleans__Membership__ProbeTimeout"] = "00:00:01",
                ["Orleans__Membership__NumMissedProbesLimit"] = "2",
                ["Orleans__Membership__NumVotesForDeathDeclaration"] = "1",
                ["Orleans__Membership__TableRefreshTimeout"] = "00:00:02",
                ["Orleans__Membership__IAmAliveTablePublishTimeout"] = "00:00:02",
                ["Pipeline__Grains__ReminderPeriod"] = "00:00:05",
            }));
        }

        api = ServiceProcess.Start("api", "Pipeline.Api", new Dictionary<string, string>(cluster) { ["Pipeline__Auth__Mode"] = "Disabled" });
        foreach (var service in silos.Append(api))
        {
            await service.WaitHealthyAsync(TimeSpan.FromSeconds(90));
        }
    }

    [Fact]
    public async Task SiloKilledWhileFilesArrive_EveryFileRecordedOnce_EveryRunSucceeded_TablesExact()
    {
        using var client = new PipelineClient(api.Url);
        client.Http.Timeout = TimeSpan.FromSeconds(30);
        var ids = Enumerable.Range(0, Datasets).Select(i => $"feed{i}").ToList();
        foreach (var id in ids)
        {
            await client.RegisterAsync(id, new { format = "csv", schema = new Dictionary<string, string> { ["v"] = "BIGINT" } });
        }

        var uploaded = 0;
        TimeSpan? servedAgainAfter = null;
        var uploads = Task.WhenAll(ids.Select(async id =>
        {
            for (var f = 0; f < FilesPerDataset; f++)
            {
                await UploadWithRetryAsync(client, id, f);
                Interlocked.Increment(ref uploaded);
                await Task.Delay(150);
            }
        }));

        // Kill a silo once runs are under way, then time how long until every dataset answers again.
        while (Volatile.Read(ref uploaded) < Datasets * FilesPerDataset / 3)
        {
            await Task.Delay(50);
        }

        silos[1].Kill();
        var killed = Stopwatch.StartNew();
        await Task.WhenAll(ids.Select(id => UntilAnsweredAsync(client, id)));
        servedAgainAfter = killed.Elapsed;
        await uploads;

        foreach (var id in ids)
        {
            var status = await client.WaitIdleAsync(id, FilesPerDataset, TimeSpan.FromSeconds(120));
            Assert.Equal(FilesPerDataset, status["arrivalsTotal"]!.GetValue<long>());
            var runs = (await client.GetAsync($"/api/datasets/{id}/runs")).AsArray();
            Assert.All(runs, run => Assert.Equal("Succeeded", run!["state"]!.GetValue<string>()));
            Assert.Equal(FilesPerDataset, runs.Sum(run => run!["files"]!.GetValue<int>()));

            var row = Assert.Single(await client.QueryAsync($"SELECT count(*), sum(v), count(DISTINCT _source_file) FROM {id}"));
            Assert.Equal(FilesPerDataset * RowsPerFile, PipelineClient.Number(row[0]));
            Assert.Equal(ExpectedSum(id), PipelineClient.Number(row[1]));
            Assert.Equal(FilesPerDataset, PipelineClient.Number(row[2]));
        }

        // Membership declares the dead silo in about two seconds; its grains then activate on the others.
        Assert.True(servedAgainAfter < TimeSpan.FromSeconds(20), $"datasets answered again only after {servedAgainAfter}");
        Assert.False(silos[0].HasExited || silos[2].HasExited, silos[0].Output + silos[2].Output);
    }

    static byte[] File(string id, int file)
    {
        var text = new StringBuilder("id,v\n");
        for (var r = 0; r < RowsPerFile; r++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{file * RowsPerFile + r},{Value(id, file, r)}\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    static long Value(string id, int file, int row) => id.Length * 1000 + file * 100 + row;

    static decimal ExpectedSum(string id) =>
        Enumerable.Range(0, FilesPerDataset).Sum(f => Enumerable.Range(0, RowsPerFile).Sum(r => Value(id, f, r)));

    // What a client of the Api does while a silo dies: a 5xx is tried again (the same content again is a no-op).
    static async Task UploadWithRetryAsync(PipelineClient client, string id, int file)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var body = new ByteArrayContent(File(id, file));
            try
            {
                using var response = await client.Http.PostAsync($"/api/datasets/{id}/files?name=part-{file:D3}.csv", body);
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    return;
                }

                Assert.True((int)response.StatusCode >= 500 && attempt < 30, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
            catch (TaskCanceledException) when (attempt < 30)
            {
            }

            await Task.Delay(500);
        }
    }

    // As a user would: ask again when an answer is slow to come (a call caught on the dead silo waits for its timeout).
    static async Task UntilAnsweredAsync(PipelineClient client, string id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            using var attempt = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                using var response = await client.Http.GetAsync($"/api/datasets/{id}", attempt.Token);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (TaskCanceledException) when (DateTime.UtcNow < deadline)
            {
            }

            Assert.True(DateTime.UtcNow < deadline, $"{id} did not answer again within a minute");
            await Task.Delay(100);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var service in silos.Append(api))
        {
            await service.DisposeAsync();
        }

        redis.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        data.Dispose();
    }
}

/// <summary>Tests that start several processes of their own run one at a time (two cores).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection
{
    public const string Name = "cluster processes";
}
