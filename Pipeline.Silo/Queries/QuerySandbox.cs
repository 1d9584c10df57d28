using Pipeline.Core.Tables;
using Pipeline.Core.Lake;
using DuckDB.NET.Data;
using Pipeline.Spark.DuckDb;
using Pipeline.Silo.Catalog;

namespace Pipeline.Silo.Queries;

/// <summary>
/// A throw-away in-memory DuckDB for one query: it may read only the processed and curated zones
/// (plus, for a curated refresh, write its own target), every catalog table is a view over its
/// committed files, and the configuration is locked so SQL cannot widen any of that.
/// </summary>
public sealed class QuerySandbox : IDisposable
{
    readonly string scratch;

    QuerySandbox(DuckDBConnection connection, string scratch)
    {
        this.scratch = scratch;
        Connection = connection;
    }

    /// <summary>The sandbox's own empty scratch folder (writable by it; deleted on dispose).</summary>
    public string Scratch => scratch;

    /// <summary>The connection user SQL runs on.</summary>
    public DuckDBConnection Connection { get; }

    /// <summary>
    /// Opens a sandbox exposing <paramref name="tables"/>. DuckDB always allows its temp folder, so each
    /// sandbox spills into a fresh empty folder under <paramref name="scratchRoot"/>, deleted on dispose.
    /// </summary>
    public static async Task<QuerySandbox> OpenAsync(
        ILakeStore lake, IReadOnlyList<TableSource> tables, string? memoryLimit, int? threads, string scratchRoot,
        CancellationToken cancellationToken = default)
    {
        var views = new List<string>();
        foreach (var table in tables)
        {
            var paths = new List<string>();
            foreach (var key in table.Keys)
            {
                paths.Add(await lake.GetLocalPathAsync(key, cancellationToken));
            }

            views.Add($"CREATE VIEW {Sql.Identifier(table.Name)} AS {ViewSql(table, paths)}");
        }

        var scratch = Path.Combine(Path.GetFullPath(scratchRoot), Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(scratch);
        DuckDBConnection connection;
        try
        {
            connection = DuckDbOpen.Sandboxed(new DuckDbSettings
            {
                AllowedDirectories = [lake.LocalRoot(LakeLayout.Processed) + "/", lake.LocalRoot(LakeLayout.Curated) + "/"],
                MemoryLimit = memoryLimit,
                Threads = threads,
                TempDirectory = scratch,
            });
        }
        catch
        {
            Directory.Delete(scratch, recursive: true);
            throw;
        }

        try
        {
            foreach (var view in views)
            {
                connection.Execute(view, cancellationToken);
            }
        }
        catch
        {
            connection.Dispose();
            Directory.Delete(scratch, recursive: true);
            throw;
        }

        return new QuerySandbox(connection, scratch);
    }

    /// <summary>The SELECT a table's view runs: its files, deduplicated on the primary key (latest run wins).</summary>
    public static string ViewSql(TableSource table, IReadOnlyList<string> paths)
    {
        if (paths.Count == 0)
        {
            var columns = table.Columns.Count == 0
                ? "NULL AS _empty"
                : string.Join(", ", table.Columns.Select(c => $"CAST(NULL AS {c.Type}) AS {Sql.Identifier(c.Name)}"));
            return $"SELECT {columns} LIMIT 0";
        }

        var read = Sql.ReadParquet(paths);
        if (table.PrimaryKey.Count == 0)
        {
            return $"SELECT * FROM {read}";
        }

        var key = string.Join(", ", table.PrimaryKey.Select(Sql.Identifier));
        return $"SELECT * EXCLUDE (__pipeline_rank) FROM (SELECT *, row_number() OVER (PARTITION BY {key} ORDER BY _run_id DESC) AS __pipeline_rank FROM {read}) WHERE __pipeline_rank = 1";
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Connection.Dispose();
        if (Directory.Exists(scratch))
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}
