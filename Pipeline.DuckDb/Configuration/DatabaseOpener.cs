using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Pipeline.DuckDb.Native;

namespace Pipeline.DuckDb.Configuration;

/// <summary>Opens a database and applies <see cref="DuckDbConfig"/> following an <see cref="OpenPlan"/>.</summary>
internal static partial class DatabaseOpener
{
    private const string NotRecognized = "Invalid Input Error: The following options were not recognized: ";

    // Learned once per process: options duckdb_open_ext refused, which later opens apply with SET right away.
    private static readonly ConcurrentDictionary<string, bool> Deferred = new(StringComparer.OrdinalIgnoreCase);

    public static DatabaseHandle Open(string? path, DuckDbConfig config)
    {
        while (true)
        {
            var plan = OpenPlan.Create(config, Deferred.Keys.ToHashSet(StringComparer.OrdinalIgnoreCase));
            if (OpenNative(path, plan.Startup, out var error) is { } database)
            {
                return Apply(database, plan);
            }

            // Retry only when DuckDB named start-up options it cannot take that were not deferred yet.
            var newlyDeferred = RefusedOptions(error)
                .Where(name => plan.Startup.Any(option => string.Equals(option.Key, name, StringComparison.OrdinalIgnoreCase)))
                .Count(name => Deferred.TryAdd(name, true));
            if (newlyDeferred == 0)
            {
                throw DuckDbException.FromMessage(error);
            }
        }
    }

    /// <summary>Option names from "The following options were not recognized: a, b" or "To set the a setting, the x extension needs to be loaded".</summary>
    internal static IEnumerable<string> RefusedOptions(string error)
    {
        if (error.StartsWith(NotRecognized, StringComparison.Ordinal))
        {
            return error[NotRecognized.Length..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        }

        var match = ExtensionSetting().Match(error);
        return match.Success ? [match.Groups[1].Value] : [];
    }

    private static DatabaseHandle Apply(DatabaseHandle database, OpenPlan plan)
    {
        try
        {
            if (plan.Statements.Count > 0)
            {
                using var connection = ConnectionHandle.Open(database);
                foreach (var sql in plan.Statements)
                {
                    Run(connection, sql);
                }
            }

            return database;
        }
        catch
        {
            database.Dispose();
            throw;
        }
    }

    [GeneratedRegex(@"To set the (\S+) setting, the \S+ extension needs to be loaded")]
    private static partial Regex ExtensionSetting();

    private static DatabaseHandle? OpenNative(string? path, IReadOnlyList<KeyValuePair<string, string>> options, out string error)
    {
        if (NativeMethods.duckdb_create_config(out var config) != DuckDbState.Success)
        {
            config.Dispose();
            throw new DuckDbException("DuckDB could not allocate a configuration.");
        }

        using (config)
        {
            foreach (var (name, value) in options)
            {
                if (NativeMethods.duckdb_set_config(config, name, value) != DuckDbState.Success)
                {
                    throw new DuckDbException(
                        $"DuckDB rejected the option '{name}' = '{value}'.", DuckDbErrorType.InvalidConfiguration);
                }
            }

            if (NativeMethods.duckdb_open_ext(path, out var database, config, out var nativeError) == DuckDbState.Success)
            {
                error = string.Empty;
                return database;
            }

            database.Dispose();
            error = NativeMethods.ReadOwned(nativeError) ?? $"DuckDB could not open '{path ?? ":memory:"}'.";
            return null;
        }
    }

    private static void Run(ConnectionHandle connection, string sql)
    {
        using var statement = PreparedStatementHandle.Prepare(connection, sql);
        using var result = ResultHandle.Allocate(statement);
        if (NativeMethods.duckdb_execute_prepared(statement, result) != DuckDbState.Success)
        {
            ResultErrors.ThrowFailed(result, CancellationToken.None);
        }
    }
}
