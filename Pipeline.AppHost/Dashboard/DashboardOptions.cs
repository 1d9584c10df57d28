namespace Pipeline.AppHost.Dashboard;

/// <summary>How the development dashboard listens and how much telemetry it keeps in memory.</summary>
public sealed record DashboardOptions
{
    /// <summary>Default port of the dashboard (and its OTLP receiver) on 127.0.0.1.</summary>
    public const int DefaultPort = 18888;

    /// <summary>Default number of spans kept (oldest dropped first).</summary>
    public const int DefaultMaxSpans = 10_000;

    /// <summary>Default number of structured log records kept.</summary>
    public const int DefaultMaxLogs = 10_000;

    /// <summary>Default number of points kept per metric series.</summary>
    public const int DefaultMaxPointsPerSeries = 1_000;

    /// <summary>Default number of console lines kept per resource.</summary>
    public const int DefaultMaxConsoleLines = 5_000;

    /// <summary>Header an OTLP sender must carry when <see cref="OtlpApiKey"/> is set.</summary>
    public const string OtlpApiKeyHeader = "x-otlp-api-key";

    /// <summary>Port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>True: no login token is asked for.</summary>
    public bool Unsecured { get; init; }

    /// <summary>When set, OTLP requests must carry it in <see cref="OtlpApiKeyHeader"/>.</summary>
    public string? OtlpApiKey { get; init; }

    /// <summary>Spans kept in memory.</summary>
    public int MaxSpans { get; init; } = DefaultMaxSpans;

    /// <summary>Structured log records kept in memory.</summary>
    public int MaxLogs { get; init; } = DefaultMaxLogs;

    /// <summary>Points kept per metric series.</summary>
    public int MaxPointsPerSeries { get; init; } = DefaultMaxPointsPerSeries;

    /// <summary>Console lines kept per resource.</summary>
    public int MaxConsoleLines { get; init; } = DefaultMaxConsoleLines;
}
