using System.Collections.Concurrent;
using System.Diagnostics;
using Pipeline.AppHost.Settings;

namespace Pipeline.AppHost.Console;

/// <summary>
/// The AppHost's console, beside the dashboard: each service's output prefixed with its name, a line when a service
/// becomes healthy (its URL and pid), and one when everything is ready.
/// </summary>
public sealed class ResourceConsole(
    ResourceNotificationService notifications, ResourceLoggerService logs, AppHostSettings settings, IHostApplicationLifetime lifetime)
    : ResourceWatcher(lifetime)
{
    static readonly Lock Output = new();
    readonly ConcurrentDictionary<string, int?> healthyPid = new();
    readonly ConcurrentDictionary<string, bool> tailed = new();
    readonly Stopwatch started = Stopwatch.StartNew();
    bool ready;

    protected override async Task WatchAsync(CancellationToken stoppingToken)
    {
        Write("apphost", $"Pipeline starting; data folder {settings.DataDir}");
        await foreach (var update in notifications.WatchAsync(stoppingToken))
        {
            if (update.Resource is not ProjectResource project)
            {
                continue;
            }

            if (tailed.TryAdd(update.ResourceId, true))
            {
                _ = TailAsync(project.Name, update.ResourceId, stoppingToken);
            }

            var snapshot = update.Snapshot;
            var launcher = snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value as int?;
            var healthy = snapshot.State?.Text == KnownResourceStates.Running && snapshot.HealthStatus == HealthStatus.Healthy;
            if (!healthy || (healthyPid.TryGetValue(update.ResourceId, out var known) && known == launcher))
            {
                continue;
            }

            healthyPid[update.ResourceId] = launcher;
            var pid = ServicePid.Of(launcher);
            var url = snapshot.Urls.FirstOrDefault(u => !u.IsInternal && u.Url.StartsWith("http", StringComparison.Ordinal) && u.Name == "http")?.Url;
            Write("apphost", $"{project.Name,-6} {url ?? "-"}/  healthy (pid {pid})");
            if (!ready && healthyPid.Count == 2)
            {
                ready = true;
                var api = settings.ApiPort is { } port ? $"http://127.0.0.1:{port}/" : url;
                Write("apphost", $"Ready in {started.Elapsed.TotalSeconds:0.0} s: Api at {api} , console {api}console/ . Press Ctrl+C to stop.");
            }
        }
    }

    async Task TailAsync(string name, string resourceId, CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var batch in logs.WatchAsync(resourceId).WithCancellation(stoppingToken))
            {
                foreach (var line in batch)
                {
                    Write(name, Readable(line.Content));
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The AppHost is stopping.
        }
    }

    // DCP stamps each line with an ISO time: keep the time of day, which is what the eye looks for.
    static string Readable(string content)
    {
        var space = content.IndexOf(' ', StringComparison.Ordinal);
        return space == 28 && DateTime.TryParse(content[..space], System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AdjustToUniversal, out var at)
            ? $"{at:HH:mm:ss} {content[(space + 1)..]}"
            : content;
    }

    static void Write(string name, string text)
    {
        lock (Output)
        {
            System.Console.Out.WriteLine($"{name,-7} | {text}");
        }
    }
}
