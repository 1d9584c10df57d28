using System.Collections.Concurrent;
using System.Net;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.AppHost;

/// <summary>The Aspire AppHost as a user runs it: real processes, real ports, real signals.</summary>
public sealed class AppHostTests
{
    static readonly TimeSpan Exit = TimeSpan.FromSeconds(60);

    /// <summary>A silo start, as long as the first start is given: a restart is no faster on a loaded machine.</summary>
    static readonly TimeSpan SiloStart = TimeSpan.FromSeconds(90);

    /// <summary>Three cold silo starts that each fail at option validation, with their backoff.</summary>
    static readonly TimeSpan CrashLoop = TimeSpan.FromSeconds(150);

    [Fact]
    public async Task Run_BringsUpSiloAndApi_HealthOkOnBoth_CtrlCLeavesNoProcess()
    {
        await using var host = AppHostProcess.Start();
        var pids = await host.WaitReadyAsync();
        Assert.Equal(["api", "silo"], pids.Keys.Order());
        var (dashboard, token) = await host.WaitForDashboardAsync();
        Assert.NotNull(token);

        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(host.ApiUrl, "/health"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(dashboard)).StatusCode);

        host.Signal(2);
        Assert.True(await host.WaitForExitAsync(Exit), host.Output);
        Assert.True(await ProcessProbe.WaitAllGoneAsync(pids.Values, TimeSpan.FromSeconds(30)), host.Output);
    }

    [Fact]
    public async Task SiloKilled_IsReportedWithExitCodeAndRestarted()
    {
        await using var host = AppHostProcess.Start();
        var pids = await host.WaitReadyAsync();

        ProcessProbe.Kill(pids["silo"]);

        await host.WaitForLineAsync(@"silo exited with code 137; restarting in", Exit);
        var again = await host.WaitForLineAsync(@"silo\s+\S+\s+healthy \(pid (?<pid>\d+)\)", SiloStart, skip: 1);
        Assert.NotEqual(pids["silo"].ToString(System.Globalization.CultureInfo.InvariantCulture), again.Groups["pid"].Value);
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(host.ApiUrl, "/health"))).StatusCode);
    }

    [Fact]
    public async Task CrashLoop_IsLeftStoppedAndSaidSo_TheAppHostStaysUp()
    {
        // A setting out of range fails the silo's option validation at start-up, every time.
        await using var host = AppHostProcess.Start(
            environment: new Dictionary<string, string> { ["Pipeline__EngineThreads"] = "0" },
            extraArgs: ["--max-restarts", "2"]);

        await host.WaitForLineAsync("silo exited with code [0-9]+ more than 2 times in 2 minutes: a crash loop", CrashLoop);
        Assert.Contains("EngineThreads", host.Output);
        Assert.False(host.HasExited);
    }

    [Fact]
    public async Task AppHostKilled_ServicesStopWithIt()
    {
        await using var host = AppHostProcess.Start();
        var pids = await host.WaitReadyAsync();

        host.Signal(9);

        Assert.True(await ProcessProbe.WaitAllGoneAsync(pids.Values, TimeSpan.FromSeconds(60)), host.Output);
    }

    [Fact]
    public async Task OtlpEndpointOfTheUser_ServicesSendTracesThere_WithoutTheDashboardsKey()
    {
        var port = FreePort.Next();
        using var backend = new HttpListener();
        backend.Prefixes.Add($"http://127.0.0.1:{port}/");
        backend.Start();
        var received = new ConcurrentQueue<(string Path, string? Key)>();
        var serving = Task.Run(async () =>
        {
            while (backend.IsListening)
            {
                try
                {
                    var context = await backend.GetContextAsync();
                    received.Enqueue((context.Request.Url!.AbsolutePath, context.Request.Headers["x-otlp-api-key"]));
                    context.Response.StatusCode = 200;
                    context.Response.Close();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }
            }
        });

        await using (var host = AppHostProcess.Start(environment: new Dictionary<string, string> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{port}" }))
        {
            await host.WaitReadyAsync();
            using var api = new PipelineClient(host.ApiUrl);
            await api.RegisterAsync("otlp_elsewhere", new { format = "csv" });

            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (DateTime.UtcNow < deadline && !received.Any(r => r.Path == "/v1/traces"))
            {
                await Task.Delay(250);
            }
        }

        backend.Stop();
        await serving;
        Assert.Contains(received, r => r.Path == "/v1/traces");
        Assert.All(received, r => Assert.Null(r.Key));
    }
}
