using System.Globalization;
using DuckDB.NET.Data;

namespace Pipeline.Spark.DuckDb;

/// <summary>Opens in-memory DuckDB connections through DuckDB.NET.</summary>
public static class DuckDbOpen
{
    const string InMemory = "DataSource=:memory:";

    /// <summary>An unrestricted in-memory database, for reading our own files (Parquet footers, test checks).</summary>
    public static DuckDBConnection Plain()
    {
        var connection = new DuckDBConnection(InMemory);
        connection.Open();
        return connection;
    }

    /// <summary>
    /// A fresh in-memory database that can reach only what <paramref name="settings"/> allows, with its
    /// configuration locked so SQL run on it cannot widen that.
    /// </summary>
    public static DuckDBConnection Sandboxed(DuckDbSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var connection = Plain();
        try
        {
            foreach (var statement in SandboxStatements(settings))
            {
                connection.Execute(statement);
            }

            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The order DuckDB 1.5 needs: settings first; the allow-lists while external access is still on (it refuses
    /// to change them after); then external access off; then the lock, after which every SET fails.
    /// </summary>
    public static IEnumerable<string> SandboxStatements(DuckDbSettings settings)
    {
        foreach (var (name, value) in settings.Options)
        {
            yield return $"SET GLOBAL {Identifier(name)} = {Literal(value)}";
        }

        if (settings.MemoryLimit is { } memory)
        {
            yield return $"SET GLOBAL memory_limit = {Literal(memory)}";
        }

        if (settings.Threads is { } threads)
        {
            yield return $"SET GLOBAL threads = {threads.ToString(CultureInfo.InvariantCulture)}";
        }

        if (settings.TempDirectory is { } temp)
        {
            yield return $"SET GLOBAL temp_directory = {Literal(temp)}";
        }

        yield return "SET GLOBAL autoinstall_known_extensions = false";
        yield return "SET GLOBAL autoload_known_extensions = false";
        yield return $"SET GLOBAL allowed_directories = {List(settings.AllowedDirectories)}";
        yield return $"SET GLOBAL allowed_paths = {List(settings.AllowedPaths)}";
        yield return "SET GLOBAL enable_external_access = false";
        yield return "SET GLOBAL lock_configuration = true";
    }

    // SET takes no parameters, so names and values are quoted here (quotes doubled), never pasted raw.
    static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    static string List(IEnumerable<string> values) => "[" + string.Join(", ", values.Select(Literal)) + "]::VARCHAR[]";
}
