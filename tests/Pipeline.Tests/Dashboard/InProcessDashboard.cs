using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pipeline.AppHost.Dashboard;
using Pipeline.AppHost.Resources;
using Pipeline.AppHost.Supervision;

namespace Pipeline.Tests.Dashboard;

/// <summary>A dashboard server in the test process on a free port, with a client of its JSON API.</summary>
public sealed class InProcessDashboard : IAsyncDisposable
{
    InProcessDashboard(DashboardServer server, ResourceRegistry resources, ConsoleOutput console)
    {
        Server = server;
        Resources = resources;
        Console = console;
        Http = new HttpClient { BaseAddress = server.Url, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The server.</summary>
    public DashboardServer Server { get; }

    /// <summary>The resources it lists.</summary>
    public ResourceRegistry Resources { get; }

    /// <summary>The console whose lines it shows.</summary>
    public ConsoleOutput Console { get; }

    /// <summary>A client with the dashboard as base address (no login cookie).</summary>
    public HttpClient Http { get; }

    /// <summary>Starts a dashboard; unsecured unless <paramref name="options"/> says otherwise.</summary>
    public static async Task<InProcessDashboard> StartAsync(DashboardOptions? options = null)
    {
        var resources = new ResourceRegistry();
        var console = new ConsoleOutput(TextWriter.Null);
        var server = await DashboardServer.StartAsync(
            (options ?? new DashboardOptions { Unsecured = true }) with { Port = 0 }, resources, console, TimeProvider.System);
        return new InProcessDashboard(server, resources, console);
    }

    /// <summary>GETs a JSON document of the dashboard's API.</summary>
    public async Task<JsonNode> GetAsync(string path) => (await Http.GetFromJsonAsync<JsonNode>(path))!;

    /// <summary>Polls <paramref name="path"/> until <paramref name="done"/> holds (10 s at most); returns the last answer.</summary>
    public async Task<JsonNode> WaitAsync(string path, Func<JsonNode, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var node = await GetAsync(path);
            if (done(node))
            {
                return node;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{path} did not reach the expected state within 10 s: {node.ToJsonString()}");
            }

            await Task.Delay(100);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}
