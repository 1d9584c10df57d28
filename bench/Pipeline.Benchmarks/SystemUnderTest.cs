using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Pipeline.Benchmarks;

/// <summary>The system started as the README does (the AppHost and its children) on a fresh data folder.</summary>
public sealed partial class SystemUnderTest : IAsyncDisposable
{
    readonly Process process;
    readonly List<string> lines = [];

    SystemUnderTest(Process process, string dataDir, Uri apiUrl)
    {
        this.process = process;
        DataDir = dataDir;
        ApiUrl = apiUrl;
    }

    /// <summary>The data folder.</summary>
    public string DataDir { get; }

    /// <summary>The Api.</summary>
    public Uri ApiUrl { get; }

    /// <summary>The silo's process id.</summary>
    public int SiloPid { get; private set; }

    /// <summary>Starts the AppHost and waits until it is ready.</summary>
    public static async Task<SystemUnderTest> StartAsync(string dataDir)
    {
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { AppHostDll(), "--data-dir", dataDir, "--api-port", port.ToString(CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(arg);
        }

        // What the http launch profile gives `dotnet run`, with the dashboard on free ports.
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{FreePort()}";
        info.Environment["ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL"] = $"http://127.0.0.1:{FreePort()}";
        info.Environment["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true";
        var process = Process.Start(info)!;
        var sut = new SystemUnderTest(process, dataDir, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (sut.lines) { sut.lines.Add(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (sut.lines) { sut.lines.Add(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromMinutes(3))
        {
            lock (sut.lines)
            {
                if (sut.lines.Any(l => l.Contains("Ready in", StringComparison.Ordinal)))
                {
                    sut.SiloPid = int.Parse(sut.lines.Select(l => SiloLine().Match(l)).First(m => m.Success).Groups[1].Value, CultureInfo.InvariantCulture);
                    return sut;
                }
            }

            if (process.HasExited)
            {
                break;
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException("The AppHost did not become ready:\n" + string.Join('\n', sut.lines));
    }

    /// <summary>Peak resident memory of the silo so far (VmHWM), in bytes.</summary>
    public long SiloPeakMemory()
    {
        var line = File.ReadLines($"/proc/{SiloPid}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await process.WaitForExitAsync(timeout.Token);
        }

        process.Dispose();
    }

    // The AppHost runs from its own build output (built with this project, in the same configuration): its
    // dependencies and Aspire's orchestrator and dashboard are resolved there, not in this program's folder.
    static string AppHostDll()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (framework, configuration) = (output.Name, output.Parent!.Name);
        var root = output;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Pipeline.sln")))
        {
            root = root.Parent;
        }

        return Path.Combine(root?.FullName ?? throw new InvalidOperationException("Run the benchmarks from the repository."),
            "Pipeline.AppHost", "bin", configuration, framework, "Pipeline.AppHost.dll");
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"silo\s+\S+\s+healthy \(pid (\d+)\)")]
    private static partial Regex SiloLine();
}
