namespace Pipeline.AppHost.Dashboard.Storage;

/// <summary>One instrument of one resource (for example <c>http.server.request.duration</c> of the api).</summary>
public sealed class MetricInstrument(string resource, string scope, string name, string description, string unit, string type)
{
    /// <summary>The resource (service name) that reports it.</summary>
    public string Resource { get; } = resource;

    /// <summary>The meter name.</summary>
    public string Scope { get; } = scope;

    /// <summary>Instrument name.</summary>
    public string Name { get; } = name;

    /// <summary>Description, possibly empty.</summary>
    public string Description { get; internal set; } = description;

    /// <summary>Unit, possibly empty.</summary>
    public string Unit { get; internal set; } = unit;

    /// <summary><c>sum</c>, <c>gauge</c> or <c>histogram</c>.</summary>
    public string Type { get; internal set; } = type;

    /// <summary>Series by attribute key (read under the store's lock).</summary>
    internal Dictionary<string, MetricSeries> Series { get; } = new(StringComparer.Ordinal);
}
