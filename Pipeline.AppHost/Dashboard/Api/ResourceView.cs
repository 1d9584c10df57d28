using Pipeline.AppHost.Resources;

namespace Pipeline.AppHost.Dashboard.Api;

/// <summary>One resource as <c>/api/resources</c> and the Resources page show it; secrets masked.</summary>
public sealed record ResourceView(
    string Name,
    string Type,
    string State,
    int? Pid,
    string Url,
    DateTimeOffset? StartedAt,
    double? UptimeSeconds,
    int Restarts,
    int? LastExitCode,
    IReadOnlyList<EnvironmentVariableView> Environment)
{
    /// <summary>A view of <paramref name="resource"/> at <paramref name="now"/>.</summary>
    public static ResourceView From(ResourceState resource, DateTimeOffset now)
    {
        var running = resource.Status is ResourceStatus.Running or ResourceStatus.Starting && resource.StartedAt is not null;
        return new ResourceView(
            resource.Spec.Name,
            resource.Spec.Name == AppHostResource.Name ? "AppHost" : "Project",
            resource.Status.ToString(),
            resource.ProcessId,
            resource.Spec.Url.ToString(),
            resource.StartedAt,
            running ? Math.Round((now - resource.StartedAt!.Value).TotalSeconds, 1) : null,
            resource.Restarts,
            resource.LastExitCode,
            resource.Spec.Environment.OrderBy(e => e.Key, StringComparer.Ordinal)
                .Select(e => new EnvironmentVariableView(e.Key, SecretMask.Show(e.Key, e.Value), SecretMask.IsSecret(e.Key)))
                .ToList());
    }
}

/// <summary>One environment variable of a resource.</summary>
public sealed record EnvironmentVariableView(string Name, string Value, bool Masked);
