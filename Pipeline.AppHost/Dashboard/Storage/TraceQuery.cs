namespace Pipeline.AppHost.Dashboard.Storage;

/// <summary>Filters of the trace list; null means any.</summary>
/// <param name="Status"><c>error</c> (a span failed) or <c>ok</c> (none failed).</param>
public sealed record TraceQuery(
    string? Resource = null, string? Dataset = null, string? Status = null, string? RunId = null, int Limit = 200)
{
    /// <summary>True when <paramref name="trace"/> passes every filter.</summary>
    public bool Matches(TraceSummary trace) =>
        (Resource is null || trace.Resources.Contains(Resource))
        && (Dataset is null || trace.Datasets.Contains(Dataset))
        && (RunId is null || trace.RunIds.Contains(RunId))
        && Status?.ToUpperInvariant() switch
        {
            null => true,
            "ERROR" => trace.HasError,
            "OK" => !trace.HasError,
            _ => true,
        };
}
