namespace Pipeline.Core.Transform;

/// <summary>One Parquet file the transform wrote, relative to the request's output folder.</summary>
/// <param name="RelativePath">Hive-style path, e.g. <c>vendor_id=1/pickup_datetime_day=2024-01-02/data_0.parquet</c>.</param>
/// <param name="Partition">Partition column values as they appear in the path (empty when unpartitioned).</param>
/// <param name="Rows">Rows in the file.</param>
/// <param name="Bytes">File size.</param>
public sealed record WrittenFile(string RelativePath, IReadOnlyDictionary<string, string> Partition, long Rows, long Bytes);

/// <summary>A whole input set aside (unreadable, wrong format), with the reason.</summary>
public sealed record QuarantinedFile(string SourceKey, string Reason);

/// <summary>What a transform attempt produced.</summary>
public sealed record TransformResult(
    long RowsIn,
    long RowsWritten,
    long RowsQuarantined,
    IReadOnlyList<WrittenFile> Files,
    IReadOnlyList<QuarantinedFile> QuarantinedFiles);
