using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Pipeline.Tests.Support;

/// <summary>
/// The AppHost started the way the README does (a separate process with its own children), with its
/// console output captured so tests can read the resource lines it prints.
/// </summary>
public sealed partial class AppHostProcess : IAsyncDisposable
{
    readonly Process process;
    readonly ConcurrentQueue<string> lines = new();
    readonly TempFolder? ownedData;

    AppHostProcess(Process process, TempFolder? ownedData, int apiPort)
    {
        this.process = process;
        this.ownedData = ownedData;
        ApiUrl = new Uri($"http://127.0.0.1:{apiPort}/");
    }

    /// <summary>The Api's base URL.</summary>
    public Uri ApiUrl { get; }

    /// <summary>The AppHost's process id.</summary>
    public int Pid => process.Id;

    /// <summary>Everything printed so far.</summary>
    public string Output => string.Join('\n', lines);

    /// <summary>True once the AppHost process has exited.</summary>
    public bool HasExited => process.HasExited;

    /// <summary>Exit code once exited.</summary>
    public int ExitCode => process.ExitCode;

    /// <summary>Starts the AppHost with a temporary data folder and a free Api port.</summary>
    public static AppHostProcess Start(string? dataDir = null, IDictionary<string, string>? environment = null, params string[] extraArgs)
    {
        var owned = dataDir is null ? new TempFolder() : null;
        var apiPort = FreePort.Next();
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Pipeline.AppHost.dll"));
        info.ArgumentList.Add("--data-dir");
        info.ArgumentList.Add(dataDir ?? owned!.Path);
        info.ArgumentList.Add("--api-port");
        info.ArgumentList.Add(apiPort.ToString(CultureInfo.InvariantCulture));
        foreach (var arg in extraArgs)
        {
            info.ArgumentList.Add(arg);
        }

        // What the http launch profile gives `dotnet run`, on free ports: tests run side by side.
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}";
        info.Environment["ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL"] = $"http://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}";
        info.Environment["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true";
        info.Environment["DOTNET_ENVIRONMENT"] = "Development";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info };
        var host = new AppHostProcess(process, owned, apiPort);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) host.lines.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) host.lines.Enqueue(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Waits for a printed line matching <paramref name="pattern"/>; fails with the output so far.</summary>
    public async Task<Match> WaitForLineAsync(string pattern, TimeSpan timeout, int skip = 0)
    {
        var regex = new Regex(pattern);
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            var found = lines.Select(l => regex.Match(l)).Where(m => m.Success).Skip(skip).FirstOrDefault();
            if (found is not null)
            {
                return found;
            }

            if (process.HasExited && watch.Elapsed > TimeSpan.FromSeconds(1))
            {
                break;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No line matching '{pattern}' within {timeout}. Output:\n{Output}");
    }

    /// <summary>Waits for the "Ready" line and returns the pid of each resource by name.</summary>
    public async Task<IReadOnlyDictionary<string, int>> WaitReadyAsync(TimeSpan? timeout = null)
    {
        await WaitForLineAsync("Ready in", timeout ?? TimeSpan.FromSeconds(90));
        return lines.Select(l => HealthyLine().Match(l)).Where(m => m.Success)
            .GroupBy(m => m.Groups["name"].Value)
            .ToDictionary(g => g.Key, g => int.Parse(g.Last().Groups["pid"].Value, CultureInfo.InvariantCulture));
    }

    /// <summary>Waits for the Aspire dashboard's login line; returns its base URL and login token.</summary>
    public async Task<(Uri Url, string? Token)> WaitForDashboardAsync(TimeSpan? timeout = null)
    {
        var match = await WaitForLineAsync(DashboardLine().ToString(), timeout ?? TimeSpan.FromSeconds(60));
        return (new Uri(match.Groups["url"].Value), match.Groups["token"].Success ? match.Groups["token"].Value : null);
    }

    /// <summary>Sends a POSIX signal (2 = SIGINT as Ctrl+C does, 15 = SIGTERM, 9 = SIGKILL).</summary>
    public void Signal(int signal) => _ = Kill(process.Id, signal);

    /// <summary>Waits for the AppHost to exit; false on timeout.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            Signal(15);
            if (!await WaitForExitAsync(TimeSpan.FromSeconds(20)))
            {
                process.Kill(entireProcessTree: true);
            }
        }

        // The services outlive the AppHost by a moment while Aspire's orchestrator stops them; the next test must
        // not find them still holding the data folder.
        var services = lines.Select(l => HealthyLine().Match(l)).Where(m => m.Success)
            .Select(m => int.Parse(m.Groups["pid"].Value, CultureInfo.InvariantCulture)).Distinct().ToList();
        if (!await ProcessProbe.WaitAllGoneAsync(services, TimeSpan.FromSeconds(30)))
        {
            services.ForEach(pid => _ = Kill(pid, 9));
        }

        process.Dispose();
        ownedData?.Dispose();
    }

    [GeneratedRegex(@"apphost\s*\| (?<name>\w+)\s+\S+\s+healthy \(pid (?<pid>\d+)\)")]
    private static partial Regex HealthyLine();

    [GeneratedRegex(@"Login to the dashboard at (?<url>http://[^/\s]+)/login\?t=(?<token>[0-9a-f]+)")]
    private static partial Regex DashboardLine();

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);
}
