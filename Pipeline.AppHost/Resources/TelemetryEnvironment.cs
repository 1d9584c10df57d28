using Pipeline.AppHost.Dashboard;

namespace Pipeline.AppHost.Resources;

/// <summary>The <c>OTEL_*</c> variables that tell the services where to send their telemetry.</summary>
public static class TelemetryEnvironment
{
    /// <summary>
    /// The user's own endpoint when they set one (any OTLP backend; the protocol is theirs too);
    /// otherwise the dashboard's receiver over http/protobuf, exporting every second so the dashboard
    /// is current.
    /// </summary>
    public static IReadOnlyDictionary<string, string> For(string? userEndpoint, string dashboardEndpoint, string? dashboardApiKey)
    {
        if (userEndpoint is not null)
        {
            return new Dictionary<string, string> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = userEndpoint };
        }

        var env = new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = dashboardEndpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "1000",
            ["OTEL_BLRP_SCHEDULE_DELAY"] = "1000",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "5000",
        };
        if (dashboardApiKey is { Length: > 0 })
        {
            env["OTEL_EXPORTER_OTLP_HEADERS"] = $"{DashboardOptions.OtlpApiKeyHeader}={dashboardApiKey}";
        }

        return env;
    }
}
