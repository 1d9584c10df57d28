using Pipeline.AppHost.Dashboard;

namespace Pipeline.AppHost;

/// <summary>What the AppHost was asked to do (command line, else environment, else defaults).</summary>
public sealed record AppHostOptions
{
    /// <summary>Default Api port.</summary>
    public const int DefaultApiPort = 5080;

    /// <summary>Default number of restarts of one resource within <see cref="RestartWindow"/> before giving up.</summary>
    public const int DefaultMaxRestarts = 5;

    /// <summary>Folder for the lake and the grain state (absolute).</summary>
    public required string DataDir { get; init; }

    /// <summary>Port of the public Api on 127.0.0.1.</summary>
    public int ApiPort { get; init; } = DefaultApiPort;

    /// <summary>Port of the silo on 127.0.0.1; 0 picks a free one.</summary>
    public int SiloPort { get; init; }

    /// <summary>Restarts of one resource within <see cref="RestartWindow"/> before the AppHost gives up.</summary>
    public int MaxRestarts { get; init; } = DefaultMaxRestarts;

    /// <summary>How long crashes are remembered when counting restarts.</summary>
    public TimeSpan RestartWindow { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a resource may take to answer <c>/health</c> after it starts.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The user's own <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, handed to the services as is; when unset the
    /// services send their telemetry to the dashboard.
    /// </summary>
    public string? OtlpEndpoint { get; init; }

    /// <summary>The development dashboard: port, login, and how much telemetry it keeps.</summary>
    public DashboardOptions Dashboard { get; init; } = new();
}
