using System.Diagnostics;
using Pipeline.Core.Tables;
using Pipeline.Core.Lake;
using Pipeline.Core.Runs;
using Pipeline.Core.Transform;
using Pipeline.Silo.Faults;
using Pipeline.Silo.Grains;
using Pipeline.Silo.State;

namespace Pipeline.Silo.Stages;

/// <summary>
/// Transform: the run's raw files through the dataset's spec into Parquet in the run's staging folder.
/// Nothing becomes visible here; the catalog stage commits.
/// </summary>
public sealed class TransformStage(
    IArrivalLog arrivals, StagePaths paths, ILakeStore lake, ITransformEngine engine, FaultInjector faults, ITableCatalog catalog,
    Microsoft.Extensions.Options.IOptions<Hosting.SiloOptions> options) : IStage
{
    /// <inheritdoc />
    public async Task<StageOutcome> RunAsync(StageWork work, CancellationToken cancellationToken = default)
    {
        // A new pass of the run: the previous pass's commit manifest is done with.
        if (File.Exists(paths.Manifest(work.Dataset, work.RunId)))
        {
            File.Delete(paths.Manifest(work.Dataset, work.RunId));
        }

        var resolved = await RunInputs.ResolveAsync(arrivals, lake, work.Dataset, work.RunId, download: true, cancellationToken);
        var (inputs, missing) = resolved;
        if (work.Reprocessed > 0 && resolved.Lost(work.SkippedBefore ?? []) is { } lost)
        {
            // The commit replaces the run's output: content no longer in the raw zone would take its rows with it.
            throw new StageException(
                $"Reprocessing would drop the rows of {lost}. The table keeps the run's earlier output.", transient: false);
        }

        var quarantineDir = paths.LocalQuarantine(work.Dataset, work.RunId);
        var quarantineKey = StagePaths.QuarantinePrefix(work.Dataset, work.RunId);
        var scratch = Path.Combine(options.Value.ScratchFolder, "transform", work.Dataset, work.RunId);
        var request = new TransformRequest(work.Spec, work.RunId, work.RunCreatedAt, inputs,
            paths.Staging(work.Dataset, work.RunId), quarantineDir, scratch,
            options.Value.EngineMemoryLimit, options.Value.EngineThreads, await TableTypesAsync(work, cancellationToken), work.KnownCsv,
            await TableFilesAsync(work, cancellationToken), $"{work.Token}/pass-{work.Reprocessed}", Activity.Current?.Id ?? work.TraceParent);
        TransformResult result;
        try
        {
            using var midTransform = faults.WatchForFirstFile(request.OutputDir, FaultPoint.MidTransform);
            result = inputs.Count == 0
                ? new TransformResult(0, 0, 0, [], [])
                : await engine.RunAsync(request, cancellationToken);
            faults.Hit(FaultPoint.MidTransform);
        }
        catch (TransformException ex)
        {
            throw new StageException(ex.Message, ex.Transient, ex);
        }
        finally
        {
            if (Directory.Exists(scratch))
            {
                Directory.Delete(scratch, recursive: true);
            }
        }

        if (work.Reprocessed > 0)
        {
            // Only this pass's quarantine must remain: what the earlier pass set aside was read again.
            await DeletePrefixAsync(quarantineKey, cancellationToken);
        }

        await PublishQuarantineAsync(quarantineDir, quarantineKey, cancellationToken);
        faults.Hit(FaultPoint.BeforeCommit);
        var quarantined = missing
            .Concat(result.QuarantinedFiles.Select(f => new QuarantineInfo(f.SourceKey, f.Reason, f.SourceKey)))
            .ToList();
        if (result.RowsQuarantined > 0)
        {
            quarantined.Add(new QuarantineInfo(RowsEntry, RowsReason(result), quarantineKey));
        }

        if (result.LinesSetAside > 0)
        {
            quarantined.Add(new QuarantineInfo(LinesEntry, LinesReason(result), quarantineKey));
        }

        var counts = new RunCounts(result.RowsIn, result.RowsWritten, result.RowsQuarantined,
            quarantined.Count(q => q.SourceKey is not (RowsEntry or LinesEntry)), result.LinesSetAside);
        var sources = result.Sources
            .Select(s => new SourceFileInfo(s.SourceKey, s.Dialect?.Describe(), s.RowsRead, s.SetAside, s.Quarantined)).ToList();
        return new StageOutcome(counts, quarantined, sources, Dialects(result), result.Expectations, result.SchemaDrift, result.Engine);
    }

    // The ways the run's CSV files were read (not those of files set aside whole), each once.
    static List<CsvDialect> Dialects(TransformResult result)
    {
        var dialects = new List<CsvDialect>();
        foreach (var dialect in result.Sources.Where(s => s.Quarantined is null).Select(s => s.Dialect).OfType<CsvDialect>())
        {
            if (!dialects.Any(d => d.Reads(dialect)))
            {
                dialects.Add(dialect with { Source = DialectSource.Detected });
            }
        }

        return dialects;
    }

    // Entries of the run's quarantine list that are not one file.
    const string RowsEntry = "(rows)", LinesEntry = "(lines)";

    // "2 malformed lines were set aside from 1 file: line 3 of orders.csv has 1 field where 3 are expected; ...".
    static string LinesReason(TransformResult result)
    {
        var files = result.Sources.Where(s => s.SetAside.Any(a => a.Kind == SetAside.Line)).ToList();
        var first = files.Select(f => (File: f.SourceKey[(f.SourceKey.LastIndexOf('/') + 1)..], Line: f.SetAside.Where(a => a.Kind == SetAside.Line).MinBy(a => a.FirstLine)!))
            .Take(3).Select(f => $"line {f.Line.FirstLine} of {f.File} {f.Line.Reason}");
        var plural = result.LinesSetAside == 1 ? "line was" : "lines were";
        return $"{result.LinesSetAside} malformed {plural} set aside from {files.Count} {(files.Count == 1 ? "file" : "files")}: {string.Join("; ", first)}. " +
            "Each line is kept in the quarantine folder with its _line, _reason and _text; the files' other lines landed";
    }

    // "3201 rows were set aside: 3201 rows like Release Date: 'Jun 12 1998' is not DATE; ...": each example says why
    // (a value that does not fit, or "expectation 'x' failed").
    static string RowsReason(TransformResult result)
    {
        var faults = result.RowFaults ?? [];
        var shown = faults.Take(3).Select(f => $"{f.Rows} {(f.Rows == 1 ? "row" : "rows")} like {f.Example}");
        var more = faults.Count > 3 ? $"; {faults.Count - 3} more kinds" : "";
        var detail = faults.Count == 0 ? "" : $": {string.Join("; ", shown)}{more}";
        return $"{result.RowsQuarantined} {(result.RowsQuarantined == 1 ? "row was" : "rows were")} set aside{detail}. " +
            "Each row is kept in the quarantine folder with its _reason";
    }

    // The table's columns with their types (the planner skips the lineage and partition columns it derives).
    async Task<Dictionary<string, string>> TableTypesAsync(StageWork work, CancellationToken cancellationToken) =>
        ((await catalog.SourceAsync(work.Dataset, cancellationToken))?.Columns ?? []).ToDictionary(c => c.Name, c => c.Type, StringComparer.OrdinalIgnoreCase);

    // Only a unique expectation on the primary key looks at the table: then its files, local.
    async Task<List<string>?> TableFilesAsync(StageWork work, CancellationToken cancellationToken)
    {
        var spec = work.Spec;
        if (spec.PrimaryKey is not [var key] || spec.Expectations?.Any(e => e.Check is Core.Expectations.UniqueCheck u && string.Equals(u.Column, key, StringComparison.OrdinalIgnoreCase)) != true
            || await catalog.SourceAsync(work.Dataset, cancellationToken) is not { Keys.Count: > 0 } table)
        {
            return null;
        }

        var paths = new List<string>();
        foreach (var file in table.Keys)
        {
            paths.Add(await lake.GetLocalPathAsync(file, cancellationToken));
        }

        return paths;
    }

    async Task DeletePrefixAsync(string prefix, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        await foreach (var item in lake.ListAsync(prefix, cancellationToken))
        {
            keys.Add(item.Key);
        }

        foreach (var key in keys)
        {
            await lake.DeleteAsync(key, cancellationToken);
        }
    }

    async Task PublishQuarantineAsync(string folder, string prefix, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(folder, file).Replace(Path.DirectorySeparatorChar, '/');
            await lake.PutFileAsync(file, prefix + relative, move: false, cancellationToken);
        }
    }
}
