namespace Pipeline.AppHost.Dashboard.Storage;

/// <summary>Metric points per instrument and series, each series a ring buffer. Thread-safe.</summary>
public sealed class MetricStore(int pointsPerSeries)
{
    readonly Lock gate = new();
    readonly Dictionary<string, MetricInstrument> instruments = new(StringComparer.Ordinal);

    /// <summary>Adds one point to the series of <paramref name="instrument"/> with these attributes.</summary>
    public void Add(MetricInstrument instrument, IReadOnlyList<KeyValuePair<string, string>> attributes, MetricPoint point)
    {
        var key = instrument.Resource + "\u001f" + instrument.Scope + "\u001f" + instrument.Name;
        var seriesKey = MetricSeries.KeyOf(attributes);
        lock (gate)
        {
            if (!instruments.TryGetValue(key, out var held))
            {
                instruments[key] = held = instrument;
            }
            else
            {
                held.Description = instrument.Description;
                held.Unit = instrument.Unit;
                held.Type = instrument.Type;
            }

            if (!held.Series.TryGetValue(seriesKey, out var series))
            {
                held.Series[seriesKey] = series = new MetricSeries(attributes, pointsPerSeries);
            }

            series.Points.Add(point, out _);
        }
    }

    /// <summary>Resource names of the instruments held (no points copied).</summary>
    public IReadOnlyList<string> Resources()
    {
        lock (gate)
        {
            return instruments.Values.Select(i => i.Resource).Distinct(StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>Every instrument (of one resource, when given), ordered by resource then name.</summary>
    public IReadOnlyList<MetricSnapshot> Snapshot(string? resource = null, string? name = null)
    {
        lock (gate)
        {
            return instruments.Values
                .Where(i => (resource is null || i.Resource == resource) && (name is null || i.Name == name))
                .OrderBy(i => i.Resource, StringComparer.Ordinal).ThenBy(i => i.Name, StringComparer.Ordinal)
                .Select(i => new MetricSnapshot(i.Resource, i.Scope, i.Name, i.Description, i.Unit, i.Type,
                    i.Series.Values.Select(s => new MetricSeriesSnapshot(s.Attributes, s.Points.Items().ToList())).ToList()))
                .ToList();
        }
    }
}
