using System.Net;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.AppHost;

/// <summary>The AppHost as a user runs it: real processes, real ports, real signals.</summary>
public sealed class AppHostTests
{
    static readonly TimeSpan Exit = TimeSpan.FromSeconds(30);

    /// <summary>A silo start, as long as the first start is given: a restart is no faster on a loaded machine.</summary>
    static readonly TimeSpan SiloStart = TimeSpan.FromSeconds(90);

    /// <summary>Three cold silo starts that each fail at option validation.</summary>
    static readonly TimeSpan CrashLoop = TimeSpan.FromSeconds(120);

    /// <summary>For orphaned children to notice their parent is gone and stop.</summary>
    static readonly TimeSpan Orphaned = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Run_BringsUpSiloAndApi_HealthOkOnBoth_CtrlCLeavesNoProcess()
    {
        await using var host = AppHostProcess.Start();
        var pids = await host.WaitReadyAsync();
        Assert.Equal(["api", "silo"], pids.Keys.Order());

        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(host.ApiUrl, "/health"))).StatusCode);
        var siloUrl = (await host.WaitForLineAsync(@"silo\s+(?<url>http://\S+)\s+healthy", Exit)).Groups["url"].Value;
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(new Uri(siloUrl), "/health"))).StatusCode);

        host.Signal(2);
        Assert.True(await host.WaitForExitAsync(Exit), host.Output);
        Assert.Equal(0, host.ExitCode);
        Assert.True(await ProcessProbe.WaitAllGoneAsync(pids.Values, TimeSpan.FromSeconds(5)), host.Output);
        Assert.Contains("All resources stopped", host.Output);
    }

    [Fact]
    public async Task SiloKilled_IsReportedWithExitCodeAndRestarted()
    {
        await using var host = AppHostProcess.Start();
        var pids = await host.WaitReadyAsync();

        ProcessProbe.Kill(pids["silo"]);

        await host.WaitForLineAsync(@"silo exited with code 137; restarting", Exit);
        var again = await host.WaitForLineAsync(@"silo is healthy again \(pid (?<pid>\d+)\)", SiloStart);
        Assert.NotEqual(pids["silo"].ToString(System.Globalization.CultureInfo.InvariantCulture), again.Groups["pid"].Value);
        Assert.False(host.HasExited);
    }

    [Fact]
    public async Task CrashLoop_GivesUpAndExitsNonZero()
    {
        // An OTLP endpoint that is not a URL fails the services' option validation at start-up.
        await using var host = AppHostProcess.Start(
            environment: new Dictionary<string, string> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "not a url" },
            extraArgs: ["--max-restarts", "2"]);

        Assert.True(await host.WaitForExitAsync(CrashLoop), host.Output);
        Assert.Equal(1, host.ExitCode);
        Assert.Contains("Giving up: silo exited with code", host.Output);
        Assert.Contains("OTEL_EXPORTER_OTLP_ENDPOINT must be an absolute http(s) URL", host.Output);
    }

    [Fact]
    public async Task AppHostKilled_ChildrenStopByThemselves()
    {
        await using var host = AppHostProcess.Start();
        var pids = await host.WaitReadyAsync();

        host.Signal(9);

        Assert.True(await ProcessProbe.WaitAllGoneAsync(pids.Values, Orphaned), host.Output);
    }
}
