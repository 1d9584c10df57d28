namespace Pipeline.AppHost.Dashboard.Storage;

/// <summary>Everything the OTLP receiver has taken in, bounded in memory.</summary>
public sealed class TelemetryStore(DashboardOptions options)
{
    /// <summary>Spans, indexed by trace id.</summary>
    public SpanStore Spans { get; } = new(options.MaxSpans);

    /// <summary>Structured logs.</summary>
    public LogStore Logs { get; } = new(options.MaxLogs);

    /// <summary>Metric series.</summary>
    public MetricStore Metrics { get; } = new(options.MaxPointsPerSeries);

    /// <summary>Resource (service) names seen in any signal, sorted.</summary>
    public IReadOnlyList<string> Resources() =>
        Spans.Resources().Concat(Logs.Resources()).Concat(Metrics.Resources())
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
}
