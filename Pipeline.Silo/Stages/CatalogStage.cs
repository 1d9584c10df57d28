using Pipeline.Core.Lake;
using Pipeline.Core.Tables;
using Pipeline.Silo.Catalog;
using Pipeline.Silo.Faults;
using Pipeline.Silo.Grains;

namespace Pipeline.Silo.Stages;

/// <summary>
/// Catalog, the run's commit point: writes a manifest of the run's files, moves them from staging into
/// the table (names start with the run id), then records them, the schema and the partitions in one
/// catalog transaction. Queries read only catalogued files, so no reader ever sees half a run; a
/// re-executed commit follows the same manifest, so it neither loses nor duplicates a file.
/// </summary>
public sealed class CatalogStage(StagePaths paths, ILakeStore lake, ITableCatalog catalog, FaultInjector faults) : IStage
{
    /// <inheritdoc />
    public async Task<StageOutcome> RunAsync(StageWork work, CancellationToken cancellationToken = default)
    {
        var staging = paths.Staging(work.Dataset, work.RunId);
        var manifestPath = paths.Manifest(work.Dataset, work.RunId);
        var manifest = CommitManifest.Read(manifestPath);
        if (manifest is null)
        {
            manifest = CreateManifest(staging, work);
            var keys = manifest.Files.Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
            manifest = manifest with { Replaces = [.. (await catalog.RunFilesAsync(work.Dataset, work.RunId, cancellationToken)).Where(k => !keys.Contains(k))] };
            manifest.Write(manifestPath);
        }

        var moved = 0;
        foreach (var file in manifest.Files.Where(f => File.Exists(f.StagedPath)))
        {
            await lake.PutFileAsync(file.StagedPath, file.Key, move: true, cancellationToken);
            if (++moved == 1)
            {
                faults.Hit(FaultPoint.MidCommit);
            }
        }

        faults.Hit(FaultPoint.MidCatalog);
        var files = manifest.Files.Select(f => new CatalogFile(f.Key, f.Partition, f.Rows, f.Bytes)).ToList();
        var columns = Merge((await catalog.SourceAsync(work.Dataset, cancellationToken))?.Columns ?? [], manifest.Columns);
        await catalog.CommitRunAsync(new TableCommit(work.Dataset, "table", work.Dataset, work.RunId, StagePaths.TablePrefix(work.Dataset), files, columns,
            [.. work.Spec.PartitionBy.Select(p => p.Name)], work.Spec.PrimaryKey), cancellationToken);

        // A reprocessed run's earlier files left the table in the commit, so no new query reads them.
        foreach (var key in manifest.Replaces ?? [])
        {
            await lake.DeleteAsync(key, cancellationToken);
        }

        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }

        // The manifest stays until the run's next pass starts, so this commit re-executed after a crash follows it
        // again instead of committing nothing. Another run's is dropped once all its files are catalogued: a run
        // that failed mid-commit keeps it for its retry.
        foreach (var other in Directory.EnumerateFiles(Path.GetDirectoryName(manifestPath)!, "*.json").Where(p => p != manifestPath).ToList())
        {
            var committed = await catalog.RunFilesAsync(work.Dataset, Path.GetFileNameWithoutExtension(other), cancellationToken);
            if (CommitManifest.Read(other) is not { } done || done.Files.All(f => committed.Contains(f.Key)))
            {
                File.Delete(other);
            }
        }

        return new StageOutcome(null, []);
    }

    static CommitManifest CreateManifest(string staging, StageWork work)
    {
        var staged = Directory.Exists(staging)
            ? Directory.EnumerateFiles(staging, "*.parquet", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList()
            : [];
        var facts = ParquetInspector.Inspect(staged);
        var files = staged.Select(path =>
        {
            var relative = Path.GetRelativePath(staging, path).Replace(Path.DirectorySeparatorChar, '/');
            var folder = Path.GetDirectoryName(relative)?.Replace(Path.DirectorySeparatorChar, '/') ?? "";
            var key = StagePaths.TablePrefix(work.Dataset) + (folder.Length > 0 ? folder + "/" : "")
                + StagePaths.CommittedName(work.RunId, work.Reprocessed, Path.GetFileName(relative));
            return new ManifestFile(path, key, PartitionOf(folder), facts.Rows.GetValueOrDefault(path), new FileInfo(path).Length);
        }).ToList();
        return new CommitManifest(files, [.. facts.Columns]);
    }

    // Additive evolution: existing columns keep their place and type, new ones are appended.
    static List<ColumnInfo> Merge(IReadOnlyList<ColumnInfo> current, IReadOnlyList<ColumnInfo> incoming) =>
        [.. current, .. incoming.Where(c => current.All(e => e.Name != c.Name))];

    static Dictionary<string, string> PartitionOf(string folder)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var segment in folder.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = segment.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                values[Uri.UnescapeDataString(segment[..eq])] = Uri.UnescapeDataString(segment[(eq + 1)..]);
            }
        }

        return values;
    }
}
