using Pipeline.Core.Datasets;

namespace Pipeline.Core.Transform;

/// <summary>One input file of a run: where the engine reads it, and the raw-zone key it came from.</summary>
/// <param name="Path">Local path the engine reads (the raw file, or a staged copy of a remote one).</param>
/// <param name="SourceKey">The raw-zone key (<c>raw/&lt;dataset&gt;/...</c>), written to <c>_source_file</c>.</param>
/// <param name="ArrivalSequence">Order of arrival; with a primary key, the latest arrival wins.</param>
public sealed record TransformInput(string Path, string SourceKey, long ArrivalSequence);

/// <summary>
/// What the transform stage of one run does: read <see cref="Files"/> with the dataset's spec and write
/// partitioned Parquet under <see cref="OutputDir"/>, which belongs to this run alone and is emptied
/// before every attempt (so a re-executed run replaces its own output).
/// <see cref="TableTypes"/> are the types the table already has: they apply like declared types (a value that
/// does not fit is quarantined with the reason) but a column may be absent, so a later file cannot silently
/// change a column's type. <see cref="KnownCsv"/> is the dialect the dataset's earlier CSV files were all read with:
/// a file whose first lines fit it is read with it instead of being sniffed alone. <see cref="TableFiles"/> are the
/// table's committed Parquet files (local paths), given when a <c>unique</c> expectation on the primary key must
/// look at the keys the table already has. <see cref="Attempt"/> names this attempt uniquely within the dataset (an
/// engine running the job elsewhere finds it again by it after a crash); <see cref="TraceParent"/> is the stage span's
/// W3C trace context, for work done outside the process.
/// </summary>
public sealed record TransformRequest(
    DatasetSpec Spec,
    string RunId,
    DateTimeOffset IngestedAt,
    IReadOnlyList<TransformInput> Files,
    string OutputDir,
    string QuarantineDir,
    string? TempDir = null,
    string? MemoryLimit = null,
    int? Threads = null,
    IReadOnlyDictionary<string, string>? TableTypes = null,
    CsvDialect? KnownCsv = null,
    IReadOnlyList<string>? TableFiles = null,
    string? Attempt = null,
    string? TraceParent = null);
