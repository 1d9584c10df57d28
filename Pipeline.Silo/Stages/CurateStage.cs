using Microsoft.Extensions.Options;
using Pipeline.DuckDb;
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
public sealed class CurateStage(StagePaths paths, CatalogStore catalog, FaultInjector faults, IOptions<SiloOptions> options) : IStage
{
    /// <inheritdoc />
    public async Task<StageOutcome> RunAsync(StageWork work, CancellationToken cancellationToken = default)
    {
        var tables = await catalog.SourcesAsync(cancellationToken);
        using var sandbox = QuerySandbox.Open(paths.Lake, tables, options.Value.EngineMemoryLimit, options.Value.EngineThreads, options.Value.ScratchFolder);
        foreach (var (name, sql) in work.Spec.Views.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            if (await catalog.OwnerAsync(name, cancellationToken) is { } owner && (owner.Kind != "view" || owner.Dataset != work.Dataset))
            {
                throw new StageException($"View '{name}' cannot be created: the name belongs to the {owner.Kind} of dataset '{owner.Dataset}'.", transient: false);
            }

            RequireSingleSelect(sandbox.Connection, name, sql);
            var folder = paths.Curated(name);
            Directory.CreateDirectory(folder);
            var target = Path.Combine(folder, work.RunId + ".parquet");
            try
            {
                sandbox.Connection.Execute($"COPY ({sql}) TO {Sql.Literal(target)} (FORMAT parquet, COMPRESSION zstd)", cancellationToken);
            }
            catch (DuckDbException ex)
            {
                throw new StageException($"View '{name}' failed: {ex.Message}", transient: false, ex);
            }

            faults.Hit(FaultPoint.MidCurate);
            var rows = ParquetInspector.RowCounts([target]).Values.Sum();
            var file = new CatalogFile(paths.Lake.KeyOf(target), new Dictionary<string, string>(), rows, new FileInfo(target).Length);
            await catalog.CommitRunAsync(name, "view", work.Dataset, work.RunId, [file], ParquetInspector.Columns([target]), [], [],
                replaceAllFiles: true, cancellationToken);
            foreach (var old in Directory.EnumerateFiles(folder).Where(f => f != target))
            {
                File.Delete(old);
            }
        }

        return new StageOutcome(null, []);
    }

    static void RequireSingleSelect(DuckDbConnection connection, string name, string sql)
    {
        IReadOnlyList<DuckDbStatementInfo> statements;
        try
        {
            statements = connection.ExtractStatements(sql);
        }
        catch (DuckDbException ex)
        {
            throw new StageException($"View '{name}' is not valid SQL: {ex.Message}", transient: false, ex);
        }

        if (statements.Count != 1 || statements[0].StatementType != DuckDbStatementType.Select)
        {
            throw new StageException($"View '{name}' must be a single SELECT statement.", transient: false);
        }
    }
}
