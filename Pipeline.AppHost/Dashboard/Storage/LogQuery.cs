namespace Pipeline.AppHost.Dashboard.Storage;

/// <summary>Filters of the structured logs; null means any.</summary>
/// <param name="Level">Lowest level shown: trace, debug, information, warning, error, critical.</param>
/// <param name="Text">Text the message must contain (case-insensitive).</param>
public sealed record LogQuery(
    string? Resource = null, string? Level = null, string? TraceId = null, string? Text = null, int Limit = 500)
{
    /// <summary>True when <paramref name="entry"/> passes every filter.</summary>
    public bool Matches(LogEntry entry) =>
        (Resource is null || entry.Resource == Resource)
        && entry.SeverityNumber >= MinimumSeverity(Level)
        && (TraceId is null || string.Equals(entry.TraceId, TraceId, StringComparison.OrdinalIgnoreCase))
        && (Text is null || entry.Message.Contains(Text, StringComparison.OrdinalIgnoreCase));

    /// <summary>The OTLP severity number a level name starts at.</summary>
    public static int MinimumSeverity(string? level) => level?.ToUpperInvariant() switch
    {
        "DEBUG" => 5,
        "INFO" or "INFORMATION" => 9,
        "WARN" or "WARNING" => 13,
        "ERROR" => 17,
        "FATAL" or "CRITICAL" => 21,
        _ => 0,
    };
}
