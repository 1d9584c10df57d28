using System.Collections;
using System.Diagnostics;

namespace Pipeline.AppHost.Resources;

/// <summary>The AppHost's own row on the dashboard: its process, the dashboard's URL and its settings.</summary>
public static class AppHostResource
{
    /// <summary>The AppHost's resource name (also its console prefix).</summary>
    public const string Name = "apphost";

    static readonly string[] ShownPrefixes = ["PIPELINE_", "OTEL_", "DOTNET_", "ASPNETCORE_"];

    /// <summary>A running resource for this process, listening at <paramref name="dashboardUrl"/>.</summary>
    public static ResourceState Create(Uri dashboardUrl)
    {
        var environment = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .Select(e => (Key: (string)e.Key, Value: e.Value as string ?? ""))
            .Where(e => ShownPrefixes.Any(p => e.Key.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            .ToDictionary(e => e.Key, e => e.Value);
        var spec = new ResourceSpec(Name, Environment.ProcessPath ?? typeof(AppHostResource).Assembly.Location, dashboardUrl, environment);
        using var self = Process.GetCurrentProcess();
        return new ResourceState(spec)
        {
            Status = ResourceStatus.Running,
            ProcessId = Environment.ProcessId,
            StartedAt = new DateTimeOffset(self.StartTime.ToUniversalTime(), TimeSpan.Zero),
        };
    }
}
