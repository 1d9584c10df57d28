using System.Text.Json.Serialization;

namespace Pipeline.AppHost.Dashboard.Storage;

/// <summary>One received span, with ids as lower-case hex and attribute values as text.</summary>
public sealed record SpanData(
    string TraceId,
    string SpanId,
    string? ParentSpanId,
    string Name,
    string Kind,
    string Resource,
    string Scope,
    DateTimeOffset Start,
    DateTimeOffset End,
    string Status,
    string? StatusMessage,
    IReadOnlyList<KeyValuePair<string, string>> Attributes,
    IReadOnlyList<SpanEventData> Events,
    IReadOnlyList<SpanLinkData> Links)
{
    /// <summary>End minus start.</summary>
    [JsonIgnore]
    public TimeSpan Duration => End - Start;

    /// <summary>End minus start in milliseconds.</summary>
    public double DurationMs => Duration.TotalMilliseconds;

    /// <summary>The value of an attribute, if present.</summary>
    public string? Attribute(string key) => Attributes.FirstOrDefault(a => a.Key == key).Value;
}

/// <summary>A time-stamped event of a span.</summary>
public sealed record SpanEventData(string Name, DateTimeOffset Time, IReadOnlyList<KeyValuePair<string, string>> Attributes);

/// <summary>A link from a span to another span.</summary>
public sealed record SpanLinkData(string TraceId, string SpanId, IReadOnlyList<KeyValuePair<string, string>> Attributes);
