using Pipeline.Core.Tables;

namespace Pipeline.Aws.Glue;

public sealed partial class GlueCatalog
{
    public async Task<IReadOnlyList<string>> RunFilesAsync(string table, string runId, CancellationToken cancellationToken) =>
        await LoadAsync(table, cancellationToken) is { } loaded
            ? [.. loaded.Files.Where(f => f.Run == runId).Select(f => f.Key).Order(StringComparer.Ordinal)]
            : [];

    public async Task<TableSource?> SourceAsync(string name, CancellationToken cancellationToken) =>
        await LoadAsync(name, cancellationToken) is { } loaded ? Source(loaded) : null;

    public async Task<IReadOnlyList<TableSource>> SourcesAsync(CancellationToken cancellationToken)
    {
        var sources = new List<TableSource>();
        foreach (var table in await OurTablesAsync(cancellationToken))
        {
            sources.Add(Source(await LoadAsync(table, cancellationToken)));
        }

        return sources;
    }

    public async Task<IReadOnlyList<TableSummary>> ListAsync(CancellationToken cancellationToken) =>
        [.. (await OurTablesAsync(cancellationToken)).Select(t => (t.Name, State: GlueTableState.Read(t.Parameters)))
            .Select(t => new TableSummary(t.Name, t.State.Kind, t.State.Dataset, t.State.Versions.Count, t.State.Rows, t.State.FileCount, t.State.UpdatedAt))];

    public async Task<TableInfo?> GetAsync(string name, CancellationToken cancellationToken)
    {
        if (await LoadAsync(name, cancellationToken) is not { } loaded)
        {
            return null;
        }

        var (state, files) = (loaded.State, loaded.Files);
        var partitions = files.GroupBy(f => string.Join("/", f.Partition.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")))
            .Select(g => new PartitionInfo(g.First().Partition, g.Count(), g.Sum(f => f.Rows), g.Sum(f => f.Bytes)))
            .OrderBy(p => string.Join("/", p.Values.Values), StringComparer.Ordinal).ToList();
        return new TableInfo(name, state.Kind, state.Dataset, state.Columns, state.PartitionKeys, partitions, state.Versions,
            files.Sum(f => f.Rows), files.Count, state.UpdatedAt);
    }

    static TableSource Source((string Name, GlueTableState State, List<GlueFileEntry> Files) loaded) =>
        new(loaded.Name, loaded.State.Kind, loaded.State.Dataset, [.. loaded.Files.Select(f => f.Key)], loaded.State.PartitionKeys,
            loaded.State.PrimaryKey, loaded.State.Columns, loaded.Files.Sum(f => f.Bytes));

    // Tables this catalog committed at least once; a table being created, or another tool's, is not one.
    async Task<List<Table>> OurTablesAsync(CancellationToken cancellationToken)
    {
        if (await glue.GetDatabaseAsync(database, cancellationToken) is null)
        {
            return [];
        }

        return [.. (await glue.GetTablesAsync(database, cancellationToken))
            .Where(t => GlueTableState.IsOurs(t) && GlueTableState.Read(t.Parameters).Versions.Count > 0).OrderBy(t => t.Name, StringComparer.Ordinal)];
    }

    async Task<(string Name, GlueTableState State, List<GlueFileEntry> Files)?> LoadAsync(string name, CancellationToken cancellationToken)
    {
        var table = await glue.GetTableAsync(database, name, cancellationToken);
        return table is null || !GlueTableState.IsOurs(table) || GlueTableState.Read(table.Parameters).Versions.Count == 0 ? null : await LoadAsync(table, cancellationToken);
    }

    async Task<(string Name, GlueTableState State, List<GlueFileEntry> Files)> LoadAsync(Table table, CancellationToken cancellationToken)
    {
        var state = GlueTableState.Read(table.Parameters);
        var partitions = await PartitionsAsync(table, cancellationToken);
        var files = state.Files.Concat(partitions.Values.SelectMany(p => p.Files)).Where(state.Visible).OrderBy(f => f.Key, StringComparer.Ordinal).ToList();
        return (table.Name, state, files);
    }

    async Task<Dictionary<string, GluePartition>> PartitionsAsync(Table? table, CancellationToken cancellationToken) =>
        table is { PartitionKeys.Count: > 0 }
            ? (await glue.GetPartitionsAsync(database, table.Name, null, cancellationToken)).Select(GluePartition.From)
                .ToDictionary(p => string.Join('\u0001', p.Values), StringComparer.Ordinal)
            : [];
}
