using System.Net;
using System.Net.Sockets;
using Pipeline.AppHost;
using Pipeline.AppHost.Dashboard;
using Pipeline.AppHost.Supervision;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Dashboard;

/// <summary>The dashboard's command-line options and what the AppHost does when its port is taken.</summary>
public sealed class DashboardCommandTests
{
    static AppHostOptions? Parse(params string[] args)
    {
        AppHostOptions? seen = null;
        var command = AppHostCommand.Create((options, _) =>
        {
            seen = options;
            return Task.FromResult(0);
        });
        command.Parse(args).Invoke(new System.CommandLine.InvocationConfiguration { Output = TextWriter.Null, Error = TextWriter.Null });
        return seen;
    }

    [Fact]
    public void Parse_NoArguments_DashboardOn18888Secured()
    {
        var options = Parse()!;

        Assert.Equal(18888, options.Dashboard.Port);
        Assert.False(options.Dashboard.Unsecured);
        Assert.Equal((10_000, 10_000), (options.Dashboard.MaxSpans, options.Dashboard.MaxLogs));
    }

    [Fact]
    public void Parse_DashboardOptions_AreApplied()
    {
        var options = Parse("--dashboard-port", "0", "--dashboard-unsecured")!;

        Assert.Equal(0, options.Dashboard.Port);
        Assert.True(options.Dashboard.Unsecured);
        Assert.Null(Parse("--dashboard-port", "65536"));
    }

    [Fact]
    public async Task Run_DashboardPortTaken_GivesUpBeforeStartingAnyService()
    {
        using var data = new TempFolder();
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var printed = new StringWriter();
        var options = new AppHostOptions { DataDir = data.Path, Dashboard = new DashboardOptions { Port = port } };

        var exit = await new AppHostRunner(options, new ConsoleOutput(printed), TimeProvider.System).RunAsync(CancellationToken.None);

        Assert.Equal(1, exit);
        Assert.Contains($"Giving up: the dashboard cannot listen on 127.0.0.1:{port}", printed.ToString());
        Assert.Contains("--dashboard-port 0", printed.ToString());
        Assert.DoesNotContain("silo", printed.ToString());
    }
}
