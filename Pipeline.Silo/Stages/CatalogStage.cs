using Pipeline.Core.Tables;
using Pipeline.Silo.Catalog;
using Pipeline.Silo.Faults;
using Pipeline.Silo.Grains;

namespace Pipeline.Silo.Stages;

/// <summary>
/// Catalog, the run's commit point: moves the run's files from staging into the table folder under
/// names that start with the run id, then records them, the schema and the partitions in one catalog
/// transaction. Queries read only catalogued files, so no reader ever sees half a run, and a
/// re-executed commit finds the files it already moved by their run-id prefix.
/// </summary>
public sealed class CatalogStage(StagePaths paths, CatalogStore catalog, FaultInjector faults) : IStage
{
    /// <inheritdoc />
    public async Task<StageOutcome> RunAsync(StageWork work, CancellationToken cancellationToken = default)
    {
        var staging = paths.Staging(work.Dataset, work.RunId);
        var table = paths.Table(work.Dataset);
        MoveIntoTable(staging, table, work.RunId);
        faults.Hit(FaultPoint.MidCatalog);

        var runFiles = RunFiles(table, work.RunId);
        var rows = ParquetInspector.RowCounts(runFiles);
        var files = runFiles.Select(f => new CatalogFile(paths.Lake.KeyOf(f), PartitionOf(table, f), rows.GetValueOrDefault(f), new FileInfo(f).Length)).ToList();
        var columns = await TableColumnsAsync(work.Dataset, runFiles, cancellationToken);
        await catalog.CommitRunAsync(work.Dataset, "table", work.Dataset, work.RunId, files, columns,
            work.Spec.PartitionBy.Select(p => p.Name).ToList(), work.Spec.PrimaryKey, replaceAllFiles: false, cancellationToken);
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }

        return new StageOutcome(null, []);
    }

    // The table's schema is that of all its files read together; reading only the new run's footers
    // suffices when they bring no new column and no other type, the common case.
    async Task<IReadOnlyList<ColumnInfo>> TableColumnsAsync(string dataset, IReadOnlyList<string> runFiles, CancellationToken cancellationToken)
    {
        var current = await catalog.ColumnsAsync(dataset, cancellationToken);
        var fresh = ParquetInspector.Columns(runFiles);
        if (fresh.All(c => current.Contains(c)))
        {
            return current.Count > 0 ? current : fresh;
        }

        var source = (await catalog.SourcesAsync(cancellationToken)).FirstOrDefault(t => t.Name == dataset);
        var all = (source?.Keys.Select(paths.Lake.PathOf).Where(File.Exists) ?? []).Union(runFiles).ToList();
        return ParquetInspector.Columns(all);
    }

    void MoveIntoTable(string staging, string table, string runId)
    {
        if (!Directory.Exists(staging))
        {
            return;
        }

        var moved = 0;
        foreach (var file in Directory.EnumerateFiles(staging, "*.parquet", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(staging, file);
            var target = Path.Combine(table, Path.GetDirectoryName(relative) ?? "", StagePaths.CommittedName(runId, Path.GetFileName(relative)));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Move(file, target, overwrite: true);
            if (++moved == 1)
            {
                faults.Hit(FaultPoint.MidCommit);
            }
        }
    }

    static List<string> RunFiles(string table, string runId)
    {
        if (!Directory.Exists(table))
        {
            return [];
        }

        var prefix = StagePaths.CommittedName(runId, "");
        return Directory.EnumerateFiles(table, prefix + "*.parquet", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(table, f).StartsWith("_staging", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToList();
    }

    static Dictionary<string, string> PartitionOf(string table, string file)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var folder = Path.GetDirectoryName(Path.GetRelativePath(table, file)) ?? "";
        foreach (var segment in folder.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = segment.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                values[segment[..eq]] = Uri.UnescapeDataString(segment[(eq + 1)..]);
            }
        }

        return values;
    }
}
