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
    /// <summary>How each CSV file was read (declared or detected), by source key.</summary>
    public IReadOnlyDictionary<string, CsvDialect>? CsvDialects { get; init; }
}
