using System.Text.Json;
using Microsoft.Data.Sqlite;
using Pipeline.Core.Tables;
using Pipeline.Silo.State;

namespace Pipeline.Silo.Catalog;

/// <summary>
/// The local catalog (Glue's role): tables, their files and partitions, and schema versions, in the
/// silo's SQLite file. A run's files become part of a table in one transaction: the commit point.
/// </summary>
public sealed partial class SqliteCatalog(SqliteStore store, TimeProvider time) : ITableCatalog
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task CommitRunAsync(TableCommit commit, CancellationToken cancellationToken) =>
        store.WriteAsync(connection => CommitRunAsync(connection, commit, cancellationToken), cancellationToken);

    async Task<bool> CommitRunAsync(SqliteConnection connection, TableCommit commit, CancellationToken cancellationToken)
    {
        var (table, runId) = (commit.Table, commit.RunId);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await connection.ExecuteAsync(commit.ReplaceAllFiles ? "DELETE FROM catalog_files WHERE name = $name" : "DELETE FROM catalog_files WHERE name = $name AND run_id = $run",
            cancellationToken, ("$name", table), ("$run", runId));
        foreach (var file in commit.Files)
        {
            await connection.ExecuteAsync("INSERT INTO catalog_files(name, run_id, path, partition, rows, bytes) VALUES ($name, $run, $path, $partition, $rows, $bytes)",
                cancellationToken, ("$name", table), ("$run", runId), ("$path", file.Key), ("$partition", JsonSerializer.Serialize(file.Partition, Json)),
                ("$rows", file.Rows), ("$bytes", file.Bytes));
        }

        var current = await ReadTableRowAsync(connection, table, cancellationToken);
        var columnsJson = JsonSerializer.Serialize(commit.Columns, Json);
        var version = current?.Version ?? 0;
        if (current is null || current.Value.ColumnsJson != columnsJson)
        {
            version++;
            var previous = current is null ? [] : JsonSerializer.Deserialize<List<ColumnInfo>>(current.Value.ColumnsJson, Json)!;
            await connection.ExecuteAsync("INSERT OR REPLACE INTO catalog_versions(name, version, created_at, run_id, columns, change) VALUES ($name, $v, $now, $run, $columns, $change)",
                cancellationToken, ("$name", table), ("$v", version), ("$now", now), ("$run", runId), ("$columns", columnsJson), ("$change", SchemaChange.Describe(previous, commit.Columns)));
        }

        await connection.ExecuteAsync("""
            INSERT INTO catalog_tables(name, kind, dataset, version, columns, partition_keys, primary_key, updated_at)
            VALUES ($name, $kind, $dataset, $v, $columns, $pk, $key, $now)
            ON CONFLICT(name) DO UPDATE SET kind = $kind, dataset = $dataset, version = $v, columns = $columns,
                partition_keys = $pk, primary_key = $key, updated_at = $now
            """, cancellationToken,
            ("$name", table), ("$kind", commit.Kind), ("$dataset", commit.Dataset), ("$v", version), ("$columns", columnsJson),
            ("$pk", JsonSerializer.Serialize(commit.PartitionKeys, Json)), ("$key", JsonSerializer.Serialize(commit.PrimaryKey, Json)), ("$now", now));
        return true;
    }

    public async Task<IReadOnlyList<string>> RunFilesAsync(string table, string runId, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        return await connection.QueryAsync("SELECT path FROM catalog_files WHERE name = $name AND run_id = $run ORDER BY path",
            r => r.GetString(0), cancellationToken, ("$name", table), ("$run", runId));
    }

    static async Task<(int Version, string ColumnsJson)?> ReadTableRowAsync(SqliteConnection connection, string table, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync("SELECT version, columns FROM catalog_tables WHERE name = $name",
            r => ((int Version, string ColumnsJson)?)(r.GetInt32(0), r.GetString(1)), cancellationToken, ("$name", table));
        return rows.SingleOrDefault();
    }
}
