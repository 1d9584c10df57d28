using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

using Pipeline.Tests.Support;

namespace Pipeline.Tests.Cluster;

/// <summary>A silo or Api started as its own process, the way a deployment runs it (dotnet &lt;dll&gt; with its environment).</summary>
public sealed partial class ServiceProcess : IAsyncDisposable
{
    readonly Process process;
    readonly ConcurrentQueue<string> lines = new();

    ServiceProcess(string name, Process process, Uri url)
    {
        Name = name;
        this.process = process;
        Url = url;
    }

    public string Name { get; }

    public Uri Url { get; }

    public int Pid => process.Id;

    public bool HasExited => process.HasExited;

    public string Output => string.Join('\n', lines.TakeLast(200));

    /// <summary>Starts <c>Pipeline.&lt;project&gt;.dll</c> from its project's own output folder, on a free HTTP port.</summary>
    public static ServiceProcess Start(string name, string project, IDictionary<string, string> environment)
    {
        var port = FreePort.Next();
        var url = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(ProjectDll(project));
        info.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
        info.Environment["ASPNETCORE_URLS"] = url.ToString().TrimEnd('/');
        info.Environment["OTEL_SERVICE_NAME"] = name;
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info };
        var service = new ServiceProcess(name, process, url);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) service.lines.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) service.lines.Enqueue(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return service;
    }

    /// <summary>Waits until <c>/health</c> answers 200 (the silo is an active member; the Api reached the cluster).</summary>
    public async Task WaitHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {process.ExitCode}:\n{Output}");
            }

            try
            {
                if ((await http.GetAsync("health")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{Name} was not healthy within {timeout}:\n{Output}");
    }

    /// <summary>SIGKILL: the process dies at once, as in a crash.</summary>
    public void Kill() => process.Kill();

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            _ = Signal(process.Id, 15);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        process.Dispose();
    }

    static string ProjectDll(string project)
    {
        // The test runs from tests/Pipeline.Tests/bin/<configuration>/<tfm>/: the service's own output folder mirrors it.
        var tfm = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = tfm.Parent!;
        var root = configuration.Parent!.Parent!.Parent!.Parent!.FullName;
        var dll = Path.Combine(root, project, "bin", configuration.Name, tfm.Name, project + ".dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} is not built: dotnet build Pipeline.sln");
    }

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Signal(int pid, int signal);
}
