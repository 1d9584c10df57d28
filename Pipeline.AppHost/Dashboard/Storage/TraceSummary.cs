using System.Text.Json.Serialization;

namespace Pipeline.AppHost.Dashboard.Storage;

/// <summary>One trace as the trace list shows it.</summary>
/// <param name="Name">The root span's name (the earliest span without a parent in the trace).</param>
/// <param name="Datasets">Values of the <c>pipeline.dataset</c> attribute on its spans.</param>
/// <param name="RunIds">Values of the <c>pipeline.run_id</c> attribute on its spans.</param>
/// <param name="HasError">True when a span has status Error.</param>
public sealed record TraceSummary(
    string TraceId,
    string Name,
    DateTimeOffset Start,
    [property: JsonIgnore] TimeSpan Duration,
    int SpanCount,
    IReadOnlyList<string> Resources,
    IReadOnlyList<string> Datasets,
    IReadOnlyList<string> RunIds,
    bool HasError)
{
    /// <summary>Duration in milliseconds.</summary>
    public double DurationMs => Duration.TotalMilliseconds;

    /// <summary>Attribute naming the dataset a span works on.</summary>
    public const string DatasetAttribute = "pipeline.dataset";

    /// <summary>Attribute naming the run a span belongs to.</summary>
    public const string RunIdAttribute = "pipeline.run_id";

    /// <summary>Summarizes the spans of one trace (at least one).</summary>
    public static TraceSummary Of(IReadOnlyList<SpanData> spans)
    {
        var ids = spans.Select(s => s.SpanId).ToHashSet(StringComparer.Ordinal);
        var root = spans.Where(s => s.ParentSpanId is null || !ids.Contains(s.ParentSpanId)).MinBy(s => s.Start) ?? spans[0];
        var start = spans.Min(s => s.Start);
        var end = spans.Max(s => s.End);
        return new TraceSummary(
            root.TraceId, root.Name, start, end - start, spans.Count,
            Distinct(spans.Select(s => s.Resource)),
            Distinct(spans.Select(s => s.Attribute(DatasetAttribute))),
            Distinct(spans.Select(s => s.Attribute(RunIdAttribute))),
            spans.Any(s => s.Status == SpanStatus.Error));
    }

    static List<string> Distinct(IEnumerable<string?> values) =>
        values.OfType<string>().Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
}
