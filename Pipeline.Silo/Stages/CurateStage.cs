using Pipeline.Core.Tables;
using Microsoft.Extensions.Options;
using Pipeline.Core.Lake;
using DuckDB.NET.Data;
using Pipeline.Spark.DuckDb;
using Pipeline.Silo.Catalog;
using Pipeline.Silo.Faults;
using Pipeline.Silo.Grains;
using Pipeline.Silo.Hosting;
using Pipeline.Silo.Queries;

namespace Pipeline.Silo.Stages;

/// <summary>
/// Curate: refreshes the dataset's curated views. Each view is materialized as Parquet under
/// <c>curated/&lt;view&gt;/</c> and becomes queryable as a table when the catalog switches to the new file.
/// </summary>
public sealed class CurateStage(ILakeStore lake, ITableCatalog catalog, FaultInjector faults, IOptions<SiloOptions> options) : IStage
{
    /// <inheritdoc />
    public async Task<StageOutcome> RunAsync(StageWork work, CancellationToken cancellationToken = default)
    {
        var tables = await catalog.SourcesAsync(cancellationToken);
        using var sandbox = await QuerySandbox.OpenAsync(lake, tables, options.Value.EngineMemoryLimit, options.Value.EngineThreads,
            options.Value.ScratchFolder, cancellationToken);
        foreach (var (name, sql) in work.Spec.Views.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            if (tables.FirstOrDefault(t => t.Name == name) is { } owner && (owner.Kind != "view" || owner.Dataset != work.Dataset))
            {
                throw new StageException($"View '{name}' cannot be created: the name belongs to the {owner.Kind} of dataset '{owner.Dataset}'.", transient: false);
            }

            RequireSingleSelect(sandbox.Connection, name, sql);
            var target = Path.Combine(sandbox.Scratch, name + ".parquet");
            var key = StagePaths.CuratedPrefix(name) + work.RunId + ".parquet";
            try
            {
                sandbox.Connection.Execute($"COPY ({sql}) TO {Sql.Literal(target)} (FORMAT parquet, COMPRESSION zstd)", cancellationToken);
            }
            catch (DuckDBException ex)
            {
                throw new StageException($"View '{name}' failed: {ex.Message}", transient: false, ex);
            }

            var facts = ParquetInspector.Inspect([target]);
            var rows = facts.Rows.Values.Sum();
            var columns = facts.Columns;
            var stored = await lake.PutFileAsync(target, key, move: true, cancellationToken);
            faults.Hit(FaultPoint.MidCurate);
            var file = new CatalogFile(key, new Dictionary<string, string>(), rows, stored.Size);
            await catalog.CommitRunAsync(new TableCommit(name, "view", work.Dataset, work.RunId, StagePaths.CuratedPrefix(name), [file], columns, [], [], ReplaceAllFiles: true),
                cancellationToken);
            await foreach (var old in lake.ListAsync(StagePaths.CuratedPrefix(name), cancellationToken))
            {
                if (old.Key != key)
                {
                    await lake.DeleteAsync(old.Key, cancellationToken);
                }
            }
        }

        return new StageOutcome(null, []);
    }

    static void RequireSingleSelect(DuckDBConnection connection, string name, string sql)
    {
        var check = DuckDbStatements.Check(connection, sql);
        if (check.Error is { } error)
        {
            throw new StageException($"View '{name}' is not valid SQL: {error}", transient: false);
        }

        if (check.Types is not [DuckDbStatementType.Select])
        {
            throw new StageException($"View '{name}' must be a single SELECT statement.", transient: false);
        }
    }
}
