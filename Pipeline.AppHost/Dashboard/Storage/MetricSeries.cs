namespace Pipeline.AppHost.Dashboard.Storage;

/// <summary>The points of one instrument for one set of attributes, bounded.</summary>
public sealed class MetricSeries(IReadOnlyList<KeyValuePair<string, string>> attributes, int capacity)
{
    /// <summary>The attributes that identify the series.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Attributes { get; } = attributes;

    /// <summary>The points, oldest first (read under the store's lock).</summary>
    internal RingBuffer<MetricPoint> Points { get; } = new(capacity);

    /// <summary>A stable key of a set of attributes.</summary>
    public static string KeyOf(IEnumerable<KeyValuePair<string, string>> attributes) =>
        string.Join('\u001f', attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => a.Key + "=" + a.Value));
}
