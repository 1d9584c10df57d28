using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pipeline.Tests.Dashboard.Browser;

namespace Pipeline.Tests.Dashboard;

/// <summary>
/// The dashboard in headless Chromium: log in with the printed token, go from the Pipeline page to the
/// run's trace and see its waterfall. Writes a screenshot of every page to <c>TestResults/screenshots/</c>.
/// </summary>
[Collection(RunningSystemCollection.Name)]
public sealed class DashboardBrowserTests(RunningSystemFixture system)
{
    const string Dataset = RunningSystemFixture.Dataset;
    static readonly string Screenshots = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    Uri Page(string path) => new(system.DashboardUrl, path);

    static async Task ShotAsync(HeadlessChromium browser, string name)
    {
        Directory.CreateDirectory(Screenshots);
        var png = await browser.ScreenshotAsync();
        Assert.True(png.Length > 1000, $"{name}: empty screenshot");
        await File.WriteAllBytesAsync(Path.Combine(Screenshots, name + ".png"), png);
    }

    /// <summary>
    /// Polls the dashboard's API until <paramref name="done"/> holds; throws a <see cref="TimeoutException"/>
    /// naming <paramref name="what"/>, the path and its last answer if it does not within 30 s.
    /// </summary>
    async Task WaitForAsync(string what, string path, Func<JsonArray, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        JsonArray? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = (await system.Dashboard.GetFromJsonAsync<JsonArray>(path))!;
            if (done(last))
            {
                return;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"Waited 30 s for {what} at {path}; the last answer was {last?.ToJsonString() ?? "(none)"}.");
    }

    [Fact]
    public async Task Browser_LogsInWithToken_FollowsTheRunToItsTraceWaterfall()
    {
        // The stage spans reach the dashboard within a second or two of the run's end.
        await WaitForAsync("the run's trace with at least 5 spans", $"/api/traces?dataset={Dataset}&runId={system.RunId}", t => t.Count > 0 && t[0]!["spanCount"]!.GetValue<int>() >= 5);
        await using var browser = await HeadlessChromium.LaunchAsync();

        await browser.NavigateAsync(Page($"/pipeline"));
        Assert.Contains("Paste the token", await browser.TextAsync());
        await ShotAsync(browser, "01-login");

        await browser.NavigateAsync(system.LoginUrl);
        var resources = await browser.TextAsync();
        Assert.Contains("apphost", resources);
        Assert.Contains("silo", resources);
        Assert.Contains("Running", resources);
        await browser.EvaluateAsync("document.querySelector('tr[data-resource=\"api\"] details').open = true");
        Assert.Contains("OTEL_EXPORTER_OTLP_ENDPOINT", await browser.TextAsync());
        await ShotAsync(browser, "02-resources");

        await browser.NavigateAsync(Page("/console/silo"));
        Assert.Contains("Now listening on", await browser.TextAsync());
        await ShotAsync(browser, "03-console");

        await browser.NavigateAsync(Page("/logs?resource=silo"));
        Assert.Contains("Structured logs", await browser.TextAsync());
        await ShotAsync(browser, "04-structured-logs");

        await browser.NavigateAsync(Page("/pipeline"));
        var pipeline = await browser.TextAsync();
        Assert.Contains(system.RunId, pipeline);
        Assert.Contains("Succeeded", pipeline);
        await ShotAsync(browser, "05-pipeline");

        await browser.ClickAndWaitAsync($"tr[data-run='{system.RunId}'] a.trace-link");
        await browser.EvaluateAsync($"[...document.querySelectorAll('details.span')].find(d => d.innerText.includes('Transform {Dataset}'))?.setAttribute('open', '')");
        var trace = await browser.TextAsync();
        Assert.Contains($"Transform {Dataset}", trace);
        Assert.Contains($"Catalog {Dataset}", trace);
        Assert.Contains($"Curate {Dataset}", trace);
        Assert.Contains("pipeline.run_id", trace);
        Assert.Equal(5, (await browser.EvaluateAsync("document.querySelectorAll('#waterfall details.span').length >= 5 ? 5 : 0")).GetInt32());
        await ShotAsync(browser, "06-trace-waterfall");

        await browser.NavigateAsync(Page($"/traces?dataset={Dataset}"));
        Assert.Contains(Dataset, await browser.TextAsync());
        await ShotAsync(browser, "07-traces");

        // Metrics are exported every 5 s: wait for two exports so the charts draw lines.
        await WaitForAsync("two exports of the silo's pipeline.runs metric", "/api/metrics?resource=silo&name=pipeline.runs", m => m.Count > 0 && m[0]!["series"]![0]!["points"]!.AsArray().Count >= 2);
        await browser.NavigateAsync(Page("/metrics?resource=silo&q=pipeline"));
        Assert.Equal(1, (await browser.EvaluateAsync("document.querySelectorAll('svg.chart').length > 0 ? 1 : 0")).GetInt32());
        await ShotAsync(browser, "08-metrics");
    }
}
