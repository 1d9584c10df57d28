using System.Text.Json;
using Microsoft.Data.Sqlite;
using Pipeline.Core.Tables;
using Pipeline.Silo.State;

namespace Pipeline.Silo.Catalog;

public sealed partial class SqliteCatalog
{
    public async Task<IReadOnlyList<TableSummary>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        return await connection.QueryAsync("""
            SELECT t.name, t.kind, t.dataset, t.version, coalesce(sum(f.rows), 0), count(f.path), t.updated_at
            FROM catalog_tables t LEFT JOIN catalog_files f ON f.name = t.name GROUP BY t.name ORDER BY t.name
            """,
            r => new TableSummary(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt32(3),
                r.GetInt64(4), r.GetInt32(5), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(6))),
            cancellationToken);
    }

    public async Task<TableInfo?> GetAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        if (await ReadSourceAsync(connection, name, cancellationToken) is not var (summary, tableSource))
        {
            return null;
        }

        var files = await ReadFilesAsync(connection, name, cancellationToken);
        var partitions = files.GroupBy(f => JsonSerializer.Serialize(f.Partition, Json))
            .Select(g => new PartitionInfo(g.First().Partition, g.Count(), g.Sum(f => f.Rows), g.Sum(f => f.Bytes)))
            .OrderBy(p => string.Join("/", p.Values.Values), StringComparer.Ordinal).ToList();
        return new TableInfo(name, summary.Kind, summary.Dataset, tableSource.Columns, tableSource.PartitionKeys, partitions,
            await ReadVersionsAsync(connection, name, cancellationToken), files.Sum(f => f.Rows), files.Count, summary.UpdatedAt);
    }

    public async Task<IReadOnlyList<TableSource>> SourcesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        var names = await connection.QueryAsync("SELECT name FROM catalog_tables ORDER BY name", r => r.GetString(0), cancellationToken);
        var sources = new List<TableSource>(names.Count);
        foreach (var name in names)
        {
            sources.Add((await ReadSourceAsync(connection, name, cancellationToken))!.Value.Source);
        }

        return sources;
    }

    public async Task<TableSource?> SourceAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        return (await ReadSourceAsync(connection, name, cancellationToken))?.Source;
    }

    static async Task<((string Kind, string Dataset, DateTimeOffset UpdatedAt) Summary, TableSource Source)?> ReadSourceAsync(
        SqliteConnection connection, string name, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync(
            "SELECT kind, dataset, columns, partition_keys, primary_key, updated_at FROM catalog_tables WHERE name = $name",
            r => (Kind: r.GetString(0), Dataset: r.GetString(1), Columns: r.GetString(2), PartitionKeys: r.GetString(3),
                PrimaryKey: r.GetString(4), UpdatedAt: DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(5))),
            cancellationToken, ("$name", name));
        if (rows is not [var row])
        {
            return null;
        }

        var files = await ReadFilesAsync(connection, name, cancellationToken);
        var source = new TableSource(name, row.Kind, row.Dataset, files.Select(f => f.Key).ToList(),
            JsonSerializer.Deserialize<List<string>>(row.PartitionKeys, Json)!,
            JsonSerializer.Deserialize<List<string>>(row.PrimaryKey, Json)!,
            JsonSerializer.Deserialize<List<ColumnInfo>>(row.Columns, Json)!, files.Sum(f => f.Bytes));
        return ((row.Kind, row.Dataset, row.UpdatedAt), source);
    }

    static Task<List<CatalogFile>> ReadFilesAsync(SqliteConnection connection, string name, CancellationToken cancellationToken) =>
        connection.QueryAsync("SELECT path, partition, rows, bytes FROM catalog_files WHERE name = $name ORDER BY path",
            r => new CatalogFile(r.GetString(0), JsonSerializer.Deserialize<Dictionary<string, string>>(r.GetString(1), Json)!, r.GetInt64(2), r.GetInt64(3)),
            cancellationToken, ("$name", name));

    static Task<List<SchemaVersionInfo>> ReadVersionsAsync(SqliteConnection connection, string name, CancellationToken cancellationToken) =>
        connection.QueryAsync("SELECT version, created_at, run_id, columns, change FROM catalog_versions WHERE name = $name ORDER BY version",
            r => new SchemaVersionInfo(r.GetInt32(0), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1)),
                r.GetString(2), JsonSerializer.Deserialize<List<ColumnInfo>>(r.GetString(3), Json)!, r.GetString(4)),
            cancellationToken, ("$name", name));
}
