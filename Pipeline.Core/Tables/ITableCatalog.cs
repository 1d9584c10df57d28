namespace Pipeline.Core.Tables;

/// <summary>
/// The catalog port: tables (a dataset's, or a curated view's), the files that make them up, their partitions
/// and schema versions. Queries read only the files a table lists, so <see cref="CommitRunAsync"/> is a run's
/// commit point. Local: SQLite in the data folder; AWS: the Glue Data Catalog.
/// </summary>
public interface ITableCatalog
{
    /// <summary>
    /// Makes the commit's files the run's files in the table (any the run had before leave it; with
    /// <see cref="TableCommit.ReplaceAllFiles"/> every other file leaves too) and records a schema version when the
    /// columns changed. Committing the same run again with the same files changes nothing a reader sees.
    /// </summary>
    Task CommitRunAsync(TableCommit commit, CancellationToken cancellationToken);

    /// <summary>The lake keys of the files a run has in a table, in key order.</summary>
    Task<IReadOnlyList<string>> RunFilesAsync(string table, string runId, CancellationToken cancellationToken);

    /// <summary>One table with the files a query reads, or null when there is none of that name.</summary>
    Task<TableSource?> SourceAsync(string name, CancellationToken cancellationToken);

    /// <summary>Every table with the files a query reads, by name.</summary>
    Task<IReadOnlyList<TableSource>> SourcesAsync(CancellationToken cancellationToken);

    /// <summary>Every table, by name.</summary>
    Task<IReadOnlyList<TableSummary>> ListAsync(CancellationToken cancellationToken);

    /// <summary>One table with its partitions and schema versions, or null.</summary>
    Task<TableInfo?> GetAsync(string name, CancellationToken cancellationToken);
}

/// <summary>A data file of a table: its lake key, partition values, rows and bytes.</summary>
public sealed record CatalogFile(string Key, IReadOnlyDictionary<string, string> Partition, long Rows, long Bytes);

/// <summary>What a run adds to a table.</summary>
/// <param name="Kind"><c>table</c> (a dataset's) or <c>view</c> (a curated view, owned by <paramref name="Dataset"/>).</param>
/// <param name="Folder">The lake folder the table's files are under (<c>processed/trips/</c>): Glue's table location.</param>
/// <param name="ReplaceAllFiles">The table becomes exactly these files (a view's refresh).</param>
public sealed record TableCommit(
    string Table, string Kind, string Dataset, string RunId, string Folder, IReadOnlyList<CatalogFile> Files,
    IReadOnlyList<ColumnInfo> Columns, IReadOnlyList<string> PartitionKeys, IReadOnlyList<string> PrimaryKey, bool ReplaceAllFiles = false);

/// <summary>What the query engine needs to expose a table: its files and how to read them.</summary>
public sealed record TableSource(
    string Name, string Kind, string Dataset, IReadOnlyList<string> Keys, IReadOnlyList<string> PartitionKeys,
    IReadOnlyList<string> PrimaryKey, IReadOnlyList<ColumnInfo> Columns, long Bytes);
