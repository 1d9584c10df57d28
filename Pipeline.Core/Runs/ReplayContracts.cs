namespace Pipeline.Core.Runs;

/// <summary>What a run had set aside: files quarantined whole, rows and malformed lines.</summary>
/// <param name="Files">Files quarantined whole; for a failed run, all its files (none of them landed).</param>
[GenerateSerializer, Alias("pipeline.SetAsideCounts")]
public sealed record SetAsideCounts(int Files, long Rows, long Lines)
{
    public static readonly SetAsideCounts None = new(0, 0, 0);

    [System.Text.Json.Serialization.JsonIgnore]
    public bool Any => Files > 0 || Rows > 0 || Lines > 0;

    public SetAsideCounts Plus(SetAsideCounts other) => new(Files + other.Files, Rows + other.Rows, Lines + other.Lines);

    /// <summary>What is no longer set aside, counted per kind (a kind that grew counts 0).</summary>
    public SetAsideCounts Minus(SetAsideCounts after) =>
        new(Math.Max(0, Files - after.Files), Math.Max(0, Rows - after.Rows), Math.Max(0, Lines - after.Lines));
}

/// <summary>One run a replay reads again: a succeeded run that set something aside is reprocessed, a failed run retried.</summary>
/// <param name="Action"><c>reprocess</c> or <c>retry</c>.</param>
/// <param name="State">The run's state now; <c>Queued</c> while it waits its turn.</param>
/// <param name="After">What the run sets aside once it ended again; null until then.</param>
/// <param name="Skipped">Why the run was not read again (its raw files are gone), when it was not.</param>
[GenerateSerializer, Alias("pipeline.ReplayRunInfo")]
public sealed record ReplayRunInfo(string RunId, string Action, string State, SetAsideCounts Before, SetAsideCounts? After, string? Skipped = null);

/// <summary>
/// A replay: every run of the dataset that set something aside, read again with the current definition, one after
/// another. <paramref name="RunId"/> is the first run replayed.
/// </summary>
/// <param name="CameBack">What is no longer set aside in the runs that ended again.</param>
/// <param name="StillSetAside">What the replayed runs set aside now (queued runs counted as before).</param>
[GenerateSerializer, Alias("pipeline.ReplayInfo")]
public sealed record ReplayInfo(
    string RunId, DateTimeOffset StartedAt, bool Done, IReadOnlyList<ReplayRunInfo> Runs, SetAsideCounts CameBack, SetAsideCounts StillSetAside);
