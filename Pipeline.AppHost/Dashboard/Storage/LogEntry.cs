namespace Pipeline.AppHost.Dashboard.Storage;

/// <summary>One received structured log record.</summary>
/// <param name="Sequence">Arrival order, increasing.</param>
/// <param name="Severity">Severity text (Trace, Debug, Information, Warning, Error, Critical).</param>
/// <param name="SeverityNumber">OTLP severity number (1-24; 9 = info, 13 = warn, 17 = error).</param>
public sealed record LogEntry(
    long Sequence,
    DateTimeOffset Time,
    string Resource,
    string Scope,
    string Severity,
    int SeverityNumber,
    string Message,
    string? TraceId,
    string? SpanId,
    IReadOnlyList<KeyValuePair<string, string>> Attributes);
