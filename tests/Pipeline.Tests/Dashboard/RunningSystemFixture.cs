using System.Net;
using Pipeline.Tests.EndToEnd;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Dashboard;

/// <summary>
/// The AppHost started as the README does (dashboard on a free port, secured), with one dataset
/// registered, a small CSV uploaded and its run succeeded; shared by the dashboard's system tests.
/// </summary>
public sealed class RunningSystemFixture : IAsyncLifetime
{
    /// <summary>The dataset the fixture registers.</summary>
    public const string Dataset = "dash_trips";

    /// <summary>The OTLP API key the dashboard is started with.</summary>
    public const string OtlpApiKey = "otlp-key-for-tests";

    /// <summary>The AppHost process.</summary>
    public AppHostProcess Host { get; private set; } = null!;

    /// <summary>A client of the Api.</summary>
    public PipelineClient Api { get; private set; } = null!;

    /// <summary>The dashboard's base URL as printed.</summary>
    public Uri DashboardUrl { get; private set; } = null!;

    /// <summary>The login URL as printed.</summary>
    public Uri LoginUrl { get; private set; } = null!;

    /// <summary>A client of the dashboard holding the login cookie.</summary>
    public HttpClient Dashboard { get; private set; } = null!;

    /// <summary>The id of the run the upload started.</summary>
    public string RunId { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        // With an OTLP API key the services must send it (as OTEL_EXPORTER_OTLP_HEADERS) for any trace to arrive.
        Host = AppHostProcess.Start(environment: new Dictionary<string, string> { ["PIPELINE_DASHBOARD_OTLP_API_KEY"] = OtlpApiKey });
        await Host.WaitReadyAsync();
        var (url, token) = await Host.WaitForDashboardAsync();
        Assert.NotNull(token);
        (DashboardUrl, LoginUrl) = (url, new Uri(url, "/login?t=" + token));
        Dashboard = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = url };
        Assert.Equal(HttpStatusCode.OK, (await Dashboard.GetAsync(LoginUrl)).StatusCode);

        Api = new PipelineClient(Host.ApiUrl);
        await Api.RegisterAsync(Dataset, new
        {
            format = "csv",
            schema = new Dictionary<string, string> { ["fare_amount"] = "DECIMAL(10,2)" },
            views = new Dictionary<string, string> { ["dash_fares"] = $"SELECT vendor_id, sum(fare_amount) AS fares FROM {Dataset} GROUP BY 1" },
        });
        await Api.UploadAsync(Dataset, "2024/01/trips.csv", SampleData.TripsCsv(0, 40).Bytes);
        var status = await Api.WaitIdleAsync(Dataset, 1);
        Assert.Equal("Succeeded", status["lastRun"]!["state"]!.GetValue<string>());
        RunId = status["lastRun"]!["runId"]!.GetValue<string>();
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        Dashboard?.Dispose();
        Api?.Dispose();
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }
    }
}
