namespace Pipeline.Core.Tables;

/// <summary>A column of a table.</summary>
[GenerateSerializer, Alias("pipeline.ColumnInfo")]
public sealed record ColumnInfo(string Name, string Type);

/// <summary>One partition of a table: its values, files and rows.</summary>
[GenerateSerializer, Alias("pipeline.PartitionInfo")]
public sealed record PartitionInfo(IReadOnlyDictionary<string, string> Values, int Files, long Rows, long Bytes);

/// <summary>One version of a table's schema.</summary>
[GenerateSerializer, Alias("pipeline.SchemaVersionInfo")]
public sealed record SchemaVersionInfo(int Version, DateTimeOffset CreatedAt, string RunId, IReadOnlyList<ColumnInfo> Columns, string Change);

/// <summary>A table in the catalog (a dataset's table, or a curated view).</summary>
[GenerateSerializer, Alias("pipeline.TableInfo")]
public sealed record TableInfo(
    string Name,
    string Kind,
    string Dataset,
    IReadOnlyList<ColumnInfo> Columns,
    IReadOnlyList<string> PartitionKeys,
    IReadOnlyList<PartitionInfo> Partitions,
    IReadOnlyList<SchemaVersionInfo> Versions,
    long Rows,
    int Files,
    DateTimeOffset UpdatedAt);

/// <summary>A line of <c>GET /api/tables</c>.</summary>
[GenerateSerializer, Alias("pipeline.TableSummary")]
public sealed record TableSummary(string Name, string Kind, string Dataset, int SchemaVersion, long Rows, int Files, DateTimeOffset UpdatedAt);
