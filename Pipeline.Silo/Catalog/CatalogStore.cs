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
    public Task CommitRunAsync(
        string table, string kind, string dataset, string runId, IReadOnlyList<CatalogFile> files,
        IReadOnlyList<ColumnInfo> columns, IReadOnlyList<string> partitionKeys, IReadOnlyList<string> primaryKey,
        bool replaceAllFiles, CancellationToken cancellationToken = default)
    {
        using var connection = store.Open();
        using var transaction = connection.BeginTransaction();
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        Exec(connection, replaceAllFiles ? "DELETE FROM catalog_files WHERE name = $name" : "DELETE FROM catalog_files WHERE name = $name AND run_id = $run",
            ("$name", table), ("$run", runId));
        foreach (var file in files)
        {
            Exec(connection, "INSERT INTO catalog_files(name, run_id, path, partition, rows, bytes) VALUES ($name, $run, $path, $partition, $rows, $bytes)",
                ("$name", table), ("$run", runId), ("$path", file.Key), ("$partition", JsonSerializer.Serialize(file.Partition, Json)),
                ("$rows", file.Rows), ("$bytes", file.Bytes));
        }

        var current = ReadTableRow(connection, table);
        var columnsJson = JsonSerializer.Serialize(columns, Json);
        var version = current?.Version ?? 0;
        if (current is null || current.Value.ColumnsJson != columnsJson)
        {
            version++;
            var previous = current is null ? [] : JsonSerializer.Deserialize<List<ColumnInfo>>(current.Value.ColumnsJson, Json)!;
            Exec(connection, "INSERT OR REPLACE INTO catalog_versions(name, version, created_at, run_id, columns, change) VALUES ($name, $v, $now, $run, $columns, $change)",
                ("$name", table), ("$v", version), ("$now", now), ("$run", runId), ("$columns", columnsJson), ("$change", SchemaChange.Describe(previous, columns)));
        }

        Exec(connection, """
            INSERT INTO catalog_tables(name, kind, dataset, version, columns, partition_keys, primary_key, updated_at)
            VALUES ($name, $kind, $dataset, $v, $columns, $pk, $key, $now)
            ON CONFLICT(name) DO UPDATE SET kind = $kind, dataset = $dataset, version = $v, columns = $columns,
                partition_keys = $pk, primary_key = $key, updated_at = $now
            """,
            ("$name", table), ("$kind", kind), ("$dataset", dataset), ("$v", version), ("$columns", columnsJson),
            ("$pk", JsonSerializer.Serialize(partitionKeys, Json)), ("$key", JsonSerializer.Serialize(primaryKey, Json)), ("$now", now));
        transaction.Commit();
        return Task.CompletedTask;
    }

    /// <summary>The keys of the files a run has in a table.</summary>
    public Task<IReadOnlyList<string>> RunFilesAsync(string table, string runId, CancellationToken cancellationToken = default)
    {
        using var connection = store.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT path FROM catalog_files WHERE name = $name AND run_id = $run ORDER BY path";
        command.Parameters.AddWithValue("$name", table);
        command.Parameters.AddWithValue("$run", runId);
        var keys = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            keys.Add(reader.GetString(0));
        }

        return Task.FromResult<IReadOnlyList<string>>(keys);
    }

    /// <summary>Current columns of a table; empty when it does not exist yet.</summary>
    public Task<IReadOnlyList<ColumnInfo>> ColumnsAsync(string table, CancellationToken cancellationToken = default)
    {
        using var connection = store.Open();
        var row = ReadTableRow(connection, table);
        IReadOnlyList<ColumnInfo> columns = row is null ? [] : JsonSerializer.Deserialize<List<ColumnInfo>>(row.Value.ColumnsJson, Json)!;
        return Task.FromResult(columns);
    }

    /// <summary>The name and kind of table owning <paramref name="name"/>, or null.</summary>
    public Task<(string Kind, string Dataset)?> OwnerAsync(string name, CancellationToken cancellationToken = default)
    {
        using var connection = store.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT kind, dataset FROM catalog_tables WHERE name = $name";
        command.Parameters.AddWithValue("$name", name);
        using var reader = command.ExecuteReader();
        return Task.FromResult<(string, string)?>(reader.Read() ? (reader.GetString(0), reader.GetString(1)) : null);
    }

    static (int Version, string ColumnsJson)? ReadTableRow(SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT version, columns FROM catalog_tables WHERE name = $name";
        command.Parameters.AddWithValue("$name", table);
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt32(0), reader.GetString(1)) : null;
    }

    static void Exec(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
    }
}
