using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.AppHost.Browser;

/// <summary>
/// Headless Chromium (the Debian package, <c>/usr/bin/chromium</c>) driven over the DevTools protocol:
/// navigate, read the DOM, take screenshots. Disposing kills the browser and deletes its profile.
/// </summary>
public sealed partial class HeadlessChromium : IAsyncDisposable
{
    readonly Process process;
    readonly TempFolder profile;
    CdpConnection page = null!;

    HeadlessChromium(Process process, TempFolder profile)
    {
        this.process = process;
        this.profile = profile;
    }

    /// <summary>The executable: <c>CHROMIUM_PATH</c>, else <c>/usr/bin/chromium</c>.</summary>
    public static string ExecutablePath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>Starts the browser with a fresh profile and connects to its first page.</summary>
    public static async Task<HeadlessChromium> LaunchAsync(CancellationToken cancellationToken = default)
    {
        Assert.True(File.Exists(ExecutablePath), $"{ExecutablePath} is missing: apt-get install -y chromium (./test.sh does it)");
        var profile = new TempFolder();
        var info = new ProcessStartInfo(ExecutablePath) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                     "--remote-debugging-port=0", "--window-size=1440,900", $"--user-data-dir={profile.Path}", "about:blank"])
        {
            info.ArgumentList.Add(arg);
        }

        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = info };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null && DevToolsLine().Match(e.Data) is { Success: true } m)
            {
                listening.TrySetResult(new Uri(m.Groups["url"].Value));
            }
        };
        process.OutputDataReceived += (_, _) => { };
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var browser = new HeadlessChromium(process, profile);
        try
        {
            var endpoint = await listening.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            browser.page = await CdpConnection.ConnectAsync(await PageTargetAsync(endpoint, cancellationToken), cancellationToken);
            await browser.page.SendAsync("Page.enable", cancellationToken: cancellationToken);
            return browser;
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    /// <summary>Opens <paramref name="url"/> and waits for its load event.</summary>
    public async Task NavigateAsync(Uri url, CancellationToken cancellationToken = default)
    {
        var loaded = page.NextEvent("Page.loadEventFired");
        await page.SendAsync("Page.navigate", new { url = url.ToString() }, cancellationToken);
        await loaded.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
    }

    /// <summary>Clicks the element matching <paramref name="selector"/> and waits for the page it opens to load.</summary>
    public async Task ClickAndWaitAsync(string selector, CancellationToken cancellationToken = default)
    {
        var loaded = page.NextEvent("Page.loadEventFired");
        var clicked = await EvaluateAsync($"(() => {{ const e = document.querySelector({JsonSerializer.Serialize(selector)}); if (e) e.click(); return !!e; }})()", cancellationToken);
        Assert.True(clicked.GetBoolean(), $"nothing matches {selector}");
        await loaded.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
    }

    /// <summary>Evaluates a script expression in the page (promises awaited) and returns its value.</summary>
    public async Task<JsonElement> EvaluateAsync(string expression, CancellationToken cancellationToken = default)
    {
        var result = await page.SendAsync("Runtime.evaluate", new { expression, returnByValue = true, awaitPromise = true }, cancellationToken);
        Assert.False(result.TryGetProperty("exceptionDetails", out var error), error.ToString());
        return result.GetProperty("result").TryGetProperty("value", out var value) ? value : default;
    }

    /// <summary>The page's visible text.</summary>
    public async Task<string> TextAsync(CancellationToken cancellationToken = default) =>
        (await EvaluateAsync("document.body.innerText", cancellationToken)).GetString() ?? "";

    /// <summary>
    /// Waits until the page's text holds every one of <paramref name="needles"/> (single-page apps such as the Aspire
    /// dashboard draw after the load event) and returns it; fails with what the page said instead.
    /// </summary>
    public async Task<string> WaitForTextAsync(TimeSpan timeout, params string[] needles)
    {
        var deadline = DateTime.UtcNow + timeout;
        var text = "";
        while (DateTime.UtcNow < deadline)
        {
            text = await TextAsync();
            if (needles.All(n => text.Contains(n, StringComparison.Ordinal)))
            {
                return text;
            }

            await Task.Delay(250);
        }

        var missing = string.Join(", ", needles.Where(n => !text.Contains(n, StringComparison.Ordinal)));
        throw new TimeoutException($"The page did not show {missing} within {timeout}. It showed:\n{text}");
    }

    /// <summary>A PNG of the whole page (not only the viewport).</summary>
    public async Task<byte[]> ScreenshotAsync(CancellationToken cancellationToken = default)
    {
        var metrics = await page.SendAsync("Page.getLayoutMetrics", cancellationToken: cancellationToken);
        var size = metrics.GetProperty("cssContentSize");
        var clip = new { x = 0, y = 0, width = Math.Max(size.GetProperty("width").GetDouble(), 1440), height = Math.Min(size.GetProperty("height").GetDouble(), 6000), scale = 1 };
        var shot = await page.SendAsync("Page.captureScreenshot", new { format = "png", captureBeyondViewport = true, clip }, cancellationToken);
        return Convert.FromBase64String(shot.GetProperty("data").GetString()!);
    }

    static async Task<Uri> PageTargetAsync(Uri browserEndpoint, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var targets = JsonDocument.Parse(await http.GetStringAsync($"http://{browserEndpoint.Authority}/json/list", cancellationToken));
        var page = targets.RootElement.EnumerateArray().First(t => t.GetProperty("type").GetString() == "page");
        return new Uri(page.GetProperty("webSocketDebuggerUrl").GetString()!);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (page is not null)
        {
            await page.DisposeAsync();
        }

        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        profile.Dispose();
    }

    [GeneratedRegex(@"DevTools listening on (?<url>ws://\S+)")]
    private static partial Regex DevToolsLine();
}
