namespace Pipeline.Silo.Catalog;

/// <summary>A data file of a table: its lake key, partition values, rows and bytes.</summary>
public sealed record CatalogFile(string Key, IReadOnlyDictionary<string, string> Partition, long Rows, long Bytes);

/// <summary>What the query engine needs to expose a table: its files and how to read them.</summary>
public sealed record TableSource(
    string Name, string Kind, IReadOnlyList<string> Keys, IReadOnlyList<string> PartitionKeys,
    IReadOnlyList<string> PrimaryKey, IReadOnlyList<Pipeline.Core.Tables.ColumnInfo> Columns, long Bytes);
