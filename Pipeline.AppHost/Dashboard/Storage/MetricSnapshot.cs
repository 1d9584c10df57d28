namespace Pipeline.AppHost.Dashboard.Storage;

/// <summary>A copy of one instrument and its series, safe to read outside the store.</summary>
public sealed record MetricSnapshot(
    string Resource, string Scope, string Name, string Description, string Unit, string Type,
    IReadOnlyList<MetricSeriesSnapshot> Series);

/// <summary>A copy of one series.</summary>
public sealed record MetricSeriesSnapshot(IReadOnlyList<KeyValuePair<string, string>> Attributes, IReadOnlyList<MetricPoint> Points);
