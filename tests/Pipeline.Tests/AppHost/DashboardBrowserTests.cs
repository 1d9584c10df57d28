using Pipeline.Tests.AppHost.Browser;

namespace Pipeline.Tests.AppHost;

/// <summary>
/// The Aspire dashboard and the pipeline console in headless Chromium, as a user opens them from the printed login
/// link. A screenshot of every page goes to <c>TestResults/screenshots/</c> beside the test binaries.
/// </summary>
[Collection(AspireSystemCollection.Name)]
public sealed class DashboardBrowserTests(AspireSystemFixture system)
{
    const string Dataset = AspireSystemFixture.Dataset;
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    static readonly string Screenshots = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    static async Task ShotAsync(HeadlessChromium browser, string name)
    {
        Directory.CreateDirectory(Screenshots);
        var png = await browser.ScreenshotAsync();
        Assert.True(png.Length > 1000, $"{name}: empty screenshot");
        await File.WriteAllBytesAsync(Path.Combine(Screenshots, name + ".png"), png);
    }

    [Fact]
    public async Task LoginLink_ShowsBothServicesRunning_TheRunsTraceSpansApiAndSilo_AndTheConsoleLinksToIt()
    {
        await using var browser = await HeadlessChromium.LaunchAsync();

        await browser.NavigateAsync(new Uri(system.DashboardUrl, "/"));
        await browser.WaitForTextAsync(Patience, "token");
        await ShotAsync(browser, "01-dashboard-login");

        await browser.NavigateAsync(system.LoginUrl);
        var resources = await browser.WaitForTextAsync(Patience, "silo", "api", "Running");
        Assert.DoesNotContain("Finished", resources);
        Assert.Equal(2, (await browser.EvaluateAsync(
            "[...document.querySelectorAll('.fluent-data-grid-row, tr')].filter(r => /\\b(silo|api)\\b/.test(r.innerText) && r.innerText.includes('Running')).length")).GetInt32());
        await ShotAsync(browser, "02-dashboard-resources");

        await browser.NavigateAsync(new Uri(system.DashboardUrl, $"/traces/detail/{system.TraceId}"));
        await browser.WaitForTextAsync(Patience, "POST /api/datasets/{id}/files", $"run {Dataset}", $"Transform {Dataset}", $"Catalog {Dataset}", $"Curate {Dataset}", "api", "silo");
        await ShotAsync(browser, "03-dashboard-run-trace");

        await browser.NavigateAsync(new Uri(system.DashboardUrl, "/structuredlogs/resource/silo"));
        await browser.WaitForTextAsync(Patience, "silo");
        await ShotAsync(browser, "04-dashboard-silo-logs");

        await browser.NavigateAsync(new Uri(system.Api.Http.BaseAddress!, "/console/"));
        await browser.WaitForTextAsync(Patience, Dataset, "Succeeded");
        var link = (await browser.EvaluateAsync("[...document.querySelectorAll('a')].map(a => a.href).find(h => h.includes('/traces/detail/')) ?? ''")).GetString();
        Assert.Equal(new Uri(system.DashboardUrl, $"/traces/detail/{system.TraceId}"), new Uri(link!));
        await ShotAsync(browser, "05-pipeline-console");
    }
}
