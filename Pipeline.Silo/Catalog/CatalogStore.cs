using System.Text.Json;
using Microsoft.Data.Sqlite;
using Pipeline.Core.Tables;
using Pipeline.Silo.State;

namespace Pipeline.Silo.Catalog;

/// <summary>
/// The local catalog (Glue's role): tables, their files and partitions, and schema versions, in the
/// silo's SQLite file. A run's files become part of a table in one transaction: the commit point.
/// </summary>
public sealed partial class CatalogStore(SqliteStore store, TimeProvider time)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Makes <paramref name="files"/> the files of <paramref name="runId"/> in the table (replacing any
    /// the run registered before) and records a new schema version when the columns changed.
    /// </summary>
    public async Task CommitRunAsync(
        string table, string kind, string dataset, string runId, IReadOnlyList<CatalogFile> files,
        IReadOnlyList<ColumnInfo> columns, IReadOnlyList<string> partitionKeys, IReadOnlyList<string> primaryKey,
        bool replaceAllFiles, CancellationToken cancellationToken = default)
    {
        await store.WriteAsync(connection => CommitRunAsync(connection, table, kind, dataset, runId, files, columns, partitionKeys, primaryKey,
            replaceAllFiles, cancellationToken), cancellationToken);
    }

    async Task<bool> CommitRunAsync(
        SqliteConnection connection, string table, string kind, string dataset, string runId, IReadOnlyList<CatalogFile> files,
        IReadOnlyList<ColumnInfo> columns, IReadOnlyList<string> partitionKeys, IReadOnlyList<string> primaryKey,
        bool replaceAllFiles, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await connection.ExecuteAsync(replaceAllFiles ? "DELETE FROM catalog_files WHERE name = $name" : "DELETE FROM catalog_files WHERE name = $name AND run_id = $run",
            cancellationToken, ("$name", table), ("$run", runId));
        foreach (var file in files)
        {
            await connection.ExecuteAsync("INSERT INTO catalog_files(name, run_id, path, partition, rows, bytes) VALUES ($name, $run, $path, $partition, $rows, $bytes)",
                cancellationToken, ("$name", table), ("$run", runId), ("$path", file.Key), ("$partition", JsonSerializer.Serialize(file.Partition, Json)),
                ("$rows", file.Rows), ("$bytes", file.Bytes));
        }

        var current = await ReadTableRowAsync(connection, table, cancellationToken);
        var columnsJson = JsonSerializer.Serialize(columns, Json);
        var version = current?.Version ?? 0;
        if (current is null || current.Value.ColumnsJson != columnsJson)
        {
            version++;
            var previous = current is null ? [] : JsonSerializer.Deserialize<List<ColumnInfo>>(current.Value.ColumnsJson, Json)!;
            await connection.ExecuteAsync("INSERT OR REPLACE INTO catalog_versions(name, version, created_at, run_id, columns, change) VALUES ($name, $v, $now, $run, $columns, $change)",
                cancellationToken, ("$name", table), ("$v", version), ("$now", now), ("$run", runId), ("$columns", columnsJson), ("$change", SchemaChange.Describe(previous, columns)));
        }

        await connection.ExecuteAsync("""
            INSERT INTO catalog_tables(name, kind, dataset, version, columns, partition_keys, primary_key, updated_at)
            VALUES ($name, $kind, $dataset, $v, $columns, $pk, $key, $now)
            ON CONFLICT(name) DO UPDATE SET kind = $kind, dataset = $dataset, version = $v, columns = $columns,
                partition_keys = $pk, primary_key = $key, updated_at = $now
            """, cancellationToken,
            ("$name", table), ("$kind", kind), ("$dataset", dataset), ("$v", version), ("$columns", columnsJson),
            ("$pk", JsonSerializer.Serialize(partitionKeys, Json)), ("$key", JsonSerializer.Serialize(primaryKey, Json)), ("$now", now));
        return true;
    }

    /// <summary>The keys of the files a run has in a table.</summary>
    public async Task<IReadOnlyList<string>> RunFilesAsync(string table, string runId, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        return await connection.QueryAsync("SELECT path FROM catalog_files WHERE name = $name AND run_id = $run ORDER BY path",
            r => r.GetString(0), cancellationToken, ("$name", table), ("$run", runId));
    }

    /// <summary>Current columns of a table; empty when it does not exist yet.</summary>
    public async Task<IReadOnlyList<ColumnInfo>> ColumnsAsync(string table, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        var row = await ReadTableRowAsync(connection, table, cancellationToken);
        return row is null ? [] : JsonSerializer.Deserialize<List<ColumnInfo>>(row.Value.ColumnsJson, Json)!;
    }

    /// <summary>The name and kind of table owning <paramref name="name"/>, or null.</summary>
    public async Task<(string Kind, string Dataset)?> OwnerAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync("SELECT kind, dataset FROM catalog_tables WHERE name = $name",
            r => ((string Kind, string Dataset)?)(r.GetString(0), r.GetString(1)), cancellationToken, ("$name", name));
        return rows.SingleOrDefault();
    }

    static async Task<(int Version, string ColumnsJson)?> ReadTableRowAsync(SqliteConnection connection, string table, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync("SELECT version, columns FROM catalog_tables WHERE name = $name",
            r => ((int Version, string ColumnsJson)?)(r.GetInt32(0), r.GetString(1)), cancellationToken, ("$name", table));
        return rows.SingleOrDefault();
    }
}
