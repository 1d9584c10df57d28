using System.Globalization;
using Pipeline.Core.Transform;
using DuckDB.NET.Data;
using Pipeline.Spark.DuckDb;
using Pipeline.Spark.Sql;

namespace Pipeline.Spark.Engine;

/// <summary>
/// Opens the fresh in-memory DuckDB of one attempt, sandboxed: only the input files' folders, the output
/// and quarantine folders, the spill folder and the table files a request names are reachable, and the configuration is locked so the
/// generated SQL cannot widen that.
/// </summary>
internal static class EngineDatabase
{
    public static DuckDBConnection Open(TransformRequest request, string? tempDirectory)
    {
        var directories = request.Files.Select(f => Path.GetDirectoryName(Path.GetFullPath(f.Path))!)
            .Append(request.OutputDir)
            .Append(request.QuarantineDir)
            .Concat(tempDirectory is null ? [] : [tempDirectory])
            .Select(d => Path.TrimEndingDirectorySeparator(Path.GetFullPath(d)))
            .Distinct(StringComparer.Ordinal)
            .ToList();

        var budget = MemoryBudget.Of(request);
        // Without insertion order COPY may write in parallel (dedupe order comes from explicit row numbers).
        var options = new Dictionary<string, string>(StringComparer.Ordinal) { ["preserve_insertion_order"] = "false" };
        if (budget.MaxOpenPartitionFiles is { } open)
        {
            options["partitioned_write_max_open_files"] = open.ToString(CultureInfo.InvariantCulture);
        }

        return DuckDbOpen.Sandboxed(new DuckDbSettings
        {
            MemoryLimit = request.MemoryLimit,
            Threads = budget.Limit is null ? request.Threads : budget.Threads,
            TempDirectory = tempDirectory,
            // DuckDB 1.5.6 matches allowed_directories as prefixes ending in '/', so COPY ... TO 'dir'
            // (a partitioned write names the folder itself) also needs the folder as an allowed path.
            AllowedDirectories = directories.Select(d => d + Path.DirectorySeparatorChar).ToList(),
            // The table's files (a unique expectation reads its keys) are allowed one by one: their folders hold other runs' output.
            AllowedPaths = [.. directories, .. request.TableFiles ?? []],
            Options = options,
        });
    }
}
