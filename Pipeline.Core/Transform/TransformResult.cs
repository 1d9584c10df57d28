namespace Pipeline.Core.Transform;

/// <summary>One Parquet file the transform wrote, relative to the request's output folder.</summary>
/// <param name="RelativePath">Hive-style path, e.g. <c>vendor_id=1/pickup_datetime_day=2024-01-02/data_0.parquet</c>.</param>
/// <param name="Partition">Partition column values as they appear in the path (empty when unpartitioned).</param>
/// <param name="Rows">Rows in the file.</param>
/// <param name="Bytes">File size.</param>
public sealed record WrittenFile(string RelativePath, IReadOnlyDictionary<string, string> Partition, long Rows, long Bytes);

/// <summary>A whole input set aside (unreadable, wrong format), with the reason.</summary>
public sealed record QuarantinedFile(string SourceKey, string Reason);

/// <summary>One reason rows were quarantined: how many rows failed it, and one of their reasons as an example.</summary>
/// <param name="Rows">Rows failing this check (a row failing two checks counts in both).</param>
/// <param name="Example">A row's reason, e.g. <c>fare: 'abc' is not DECIMAL(10,2)</c>.</param>
public sealed record RowFault(long Rows, string Example);

/// <summary>What a transform attempt produced.</summary>
/// <param name="RowFaults">Why rows were quarantined, most rows first; empty when none were.</param>
public sealed record TransformResult(
    long RowsIn,
    long RowsWritten,
    long RowsQuarantined,
    IReadOnlyList<WrittenFile> Files,
    IReadOnlyList<QuarantinedFile> QuarantinedFiles,
    IReadOnlyList<RowFault>? RowFaults = null)
{
    /// <summary>How each input file was read, in the request's order.</summary>
    public IReadOnlyList<SourceReport> Sources { get; init; } = [];

    /// <summary>How the run's files differed from the table, and what the dataset's schemaDrift policy did.</summary>
    public IReadOnlyList<Runs.SchemaDriftInfo> SchemaDrift { get; init; } = [];

    /// <summary>How the run's rows fared against the dataset's expectations, in the dataset's order.</summary>
    public IReadOnlyList<Expectations.ExpectationResult> Expectations { get; init; } = [];

    /// <summary>Which engine ran the transform and why.</summary>
    public Runs.EngineChoice? Engine { get; init; }

    /// <summary>Malformed lines set aside from files whose other lines landed.</summary>
    public long LinesSetAside => Sources.Sum(s => s.SetAside.Where(a => a.Kind == SetAside.Line).Sum(a => a.Count));
}

/// <summary>How a run read one input file.</summary>
/// <param name="Dialect">How a CSV file was read; null for other formats.</param>
/// <param name="RowsRead">Rows the reader got from the file, those that did not fit the schema included.</param>
/// <param name="SetAside">What was set aside from the file, by reason, most first.</param>
/// <param name="Quarantined">Why the whole file was set aside, when it was.</param>
public sealed record SourceReport(string SourceKey, CsvDialect? Dialect, long RowsRead, IReadOnlyList<SetAside> SetAside, string? Quarantined = null);

/// <summary>Lines or rows of one file set aside for one reason.</summary>
/// <param name="Kind"><c>line</c>: malformed, so never a row; <c>row</c>: read, but a value did not fit the schema or an expectation dropped it.</param>
/// <param name="Reason">For lines the problem (<c>has 1 field where 2 are expected</c>); for rows one row's reason.</param>
/// <param name="FirstLine">The first such line (lines only).</param>
[GenerateSerializer, Alias("pipeline.SetAside")]
public sealed record SetAside(string Kind, string Reason, long Count, long? FirstLine = null)
{
    /// <summary>The kinds.</summary>
    public const string Line = "line", Row = "row";
}
