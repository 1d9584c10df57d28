namespace Pipeline.AppHost.Resources;

/// <summary>Life-cycle states a supervised resource goes through.</summary>
public enum ResourceStatus
{
    /// <summary>Not started yet.</summary>
    Pending,

    /// <summary>Process started, waiting for <c>/health</c>.</summary>
    Starting,

    /// <summary>Healthy.</summary>
    Running,

    /// <summary>Crashed; waiting for the backoff before the next start.</summary>
    Restarting,

    /// <summary>Stopped on request.</summary>
    Stopped,

    /// <summary>Gave up after a crash loop or a start timeout.</summary>
    Failed,
}

/// <summary>What is known of one resource right now; read by the console and the dashboard.</summary>
public sealed class ResourceState(ResourceSpec spec)
{
    /// <summary>How it is launched.</summary>
    public ResourceSpec Spec { get; } = spec;

    /// <summary>Current status.</summary>
    public ResourceStatus Status { get; set; } = ResourceStatus.Pending;

    /// <summary>The running process id, if any.</summary>
    public int? ProcessId { get; set; }

    /// <summary>When the current process started.</summary>
    public DateTimeOffset? StartedAt { get; set; }

    /// <summary>How many times it was restarted after a crash.</summary>
    public int Restarts { get; set; }

    /// <summary>Exit code of the last process that ended.</summary>
    public int? LastExitCode { get; set; }
}
