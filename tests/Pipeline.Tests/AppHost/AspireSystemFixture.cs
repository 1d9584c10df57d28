using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Tests.EndToEnd;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.AppHost;

/// <summary>
/// The AppHost under Aspire's testing builder, dashboard on: silo and api as real processes on free ports, one dataset
/// registered, a CSV uploaded and its run succeeded. Started once for the dashboard's tests.
/// </summary>
public sealed class AspireSystemFixture : IAsyncLifetime
{
    public const string Dataset = "dash_trips";
    static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    readonly TempFolder data = new();

    public DistributedApplication App { get; private set; } = null!;

    public PipelineClient Api { get; private set; } = null!;

    public Uri DashboardUrl { get; private set; } = null!;

    /// <summary>The login link the AppHost prints: it opens the dashboard without the token prompt.</summary>
    public Uri LoginUrl { get; private set; } = null!;

    /// <summary>The key of the dashboard's telemetry API (<c>x-api-key</c>).</summary>
    public string DashboardApiKey { get; private set; } = null!;

    public string RunId { get; private set; } = null!;

    public string TraceId { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        using var cts = new CancellationTokenSource(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Pipeline_AppHost>(
            ["--data-dir", data.Path, "--api-port", "0"], (options, _) => options.DisableDashboard = false, cts.Token);
        App = await builder.BuildAsync(cts.Token);
        await App.StartAsync(cts.Token);
        await App.ResourceNotifications.WaitForResourceHealthyAsync("api", cts.Token);

        var configuration = App.Services.GetRequiredService<IConfiguration>();
        DashboardUrl = App.GetEndpoint("aspire-dashboard", "http");
        LoginUrl = new Uri(DashboardUrl, "/login?t=" + configuration["AppHost:BrowserToken"]);
        DashboardApiKey = configuration["AppHost:DashboardApiKey"] ?? throw new InvalidOperationException("No dashboard API key.");

        Api = new PipelineClient(App.GetEndpoint("api", "http"));
        await Api.RegisterAsync(Dataset, new
        {
            format = "csv",
            schema = new Dictionary<string, string> { ["fare_amount"] = "DECIMAL(10,2)" },
            views = new Dictionary<string, string> { ["dash_fares"] = $"SELECT vendor_id, sum(fare_amount) AS fares FROM {Dataset} GROUP BY 1" },
        });
        await Api.UploadAsync(Dataset, "2024/01/trips.csv", SampleData.TripsCsv(0, 40).Bytes);
        var status = await Api.WaitIdleAsync(Dataset, 1);
        var run = status["lastRun"]!;
        Assert.Equal("Succeeded", run["state"]!.GetValue<string>());
        (RunId, TraceId) = (run["runId"]!.GetValue<string>(), run["traceId"]!.GetValue<string>());
    }

    /// <summary>The run's trace as the dashboard's telemetry API gives it (OTLP JSON).</summary>
    public async Task<JsonNode?> TraceAsync()
    {
        using var http = new HttpClient { BaseAddress = DashboardUrl };
        http.DefaultRequestHeaders.Add("x-api-key", DashboardApiKey);
        using var response = await http.GetAsync($"/api/telemetry/traces/{TraceId}");
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonNode>() : null;
    }

    public async Task DisposeAsync()
    {
        Api?.Dispose();
        if (App is not null)
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }

        data.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class AspireSystemCollection : ICollectionFixture<AspireSystemFixture>
{
    public const string Name = "Aspire system";
}
