using System.Text.Json;
using Microsoft.Data.Sqlite;
using Pipeline.Core.Tables;

namespace Pipeline.Silo.Catalog;

public sealed partial class CatalogStore
{
    /// <summary>Every table, by name.</summary>
    public Task<IReadOnlyList<TableSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        using var connection = store.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT t.name, t.kind, t.dataset, t.version, coalesce(sum(f.rows), 0), count(f.path), t.updated_at
            FROM catalog_tables t LEFT JOIN catalog_files f ON f.name = t.name GROUP BY t.name ORDER BY t.name
            """;
        var list = new List<TableSummary>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            list.Add(new TableSummary(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3),
                reader.GetInt64(4), reader.GetInt32(5), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6))));
        }

        return Task.FromResult<IReadOnlyList<TableSummary>>(list);
    }

    /// <summary>One table with columns, partitions and versions; null when unknown.</summary>
    public Task<TableInfo?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        using var connection = store.Open();
        var source = ReadSource(connection, name);
        if (source is null)
        {
            return Task.FromResult<TableInfo?>(null);
        }

        var (summary, tableSource) = source.Value;
        var files = ReadFiles(connection, name);
        var partitions = files.GroupBy(f => JsonSerializer.Serialize(f.Partition, Json))
            .Select(g => new PartitionInfo(g.First().Partition, g.Count(), g.Sum(f => f.Rows), g.Sum(f => f.Bytes)))
            .OrderBy(p => string.Join("/", p.Values.Values), StringComparer.Ordinal).ToList();
        return Task.FromResult<TableInfo?>(new TableInfo(name, summary.Kind, summary.Dataset, tableSource.Columns,
            tableSource.PartitionKeys, partitions, ReadVersions(connection, name), files.Sum(f => f.Rows), files.Count, summary.UpdatedAt));
    }

    /// <summary>Every table with the files a query may read.</summary>
    public Task<IReadOnlyList<TableSource>> SourcesAsync(CancellationToken cancellationToken = default)
    {
        using var connection = store.Open();
        var names = new List<string>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name FROM catalog_tables ORDER BY name";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                names.Add(reader.GetString(0));
            }
        }

        return Task.FromResult<IReadOnlyList<TableSource>>(names.Select(n => ReadSource(connection, n)!.Value.Source).ToList());
    }

    static ((string Kind, string Dataset, DateTimeOffset UpdatedAt) Summary, TableSource Source)? ReadSource(SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT kind, dataset, columns, partition_keys, primary_key, updated_at FROM catalog_tables WHERE name = $name";
        command.Parameters.AddWithValue("$name", name);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        var files = ReadFiles(connection, name);
        var keys = files.Select(f => f.Key).ToList();
        var source = new TableSource(name, reader.GetString(0), keys,
            JsonSerializer.Deserialize<List<string>>(reader.GetString(3), Json)!,
            JsonSerializer.Deserialize<List<string>>(reader.GetString(4), Json)!,
            JsonSerializer.Deserialize<List<ColumnInfo>>(reader.GetString(2), Json)!, files.Sum(f => f.Bytes));
        return ((reader.GetString(0), reader.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5))), source);
    }

    static List<CatalogFile> ReadFiles(SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT path, partition, rows, bytes FROM catalog_files WHERE name = $name ORDER BY path";
        command.Parameters.AddWithValue("$name", name);
        var files = new List<CatalogFile>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            files.Add(new CatalogFile(reader.GetString(0), JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(1), Json)!,
                reader.GetInt64(2), reader.GetInt64(3)));
        }

        return files;
    }

    static List<SchemaVersionInfo> ReadVersions(SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT version, created_at, run_id, columns, change FROM catalog_versions WHERE name = $name ORDER BY version";
        command.Parameters.AddWithValue("$name", name);
        var versions = new List<SchemaVersionInfo>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            versions.Add(new SchemaVersionInfo(reader.GetInt32(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                reader.GetString(2), JsonSerializer.Deserialize<List<ColumnInfo>>(reader.GetString(3), Json)!, reader.GetString(4)));
        }

        return versions;
    }
}
