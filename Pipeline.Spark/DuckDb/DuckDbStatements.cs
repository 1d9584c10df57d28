using System.Runtime.InteropServices;
using DuckDB.NET.Data;
using DuckDB.NET.Native;
using static DuckDB.NET.Native.NativeMethods;

namespace Pipeline.Spark.DuckDb;

/// <summary>What a SQL text holds, by DuckDB's own parser: the statement types, or DuckDB's reason it does not prepare.</summary>
public sealed record StatementCheck(IReadOnlyList<DuckDbStatementType> Types, string? Error);

/// <summary>
/// Classifies statements the way DuckDB does, so "only SELECT" is DuckDB's judgement and not a keyword match.
/// Each statement is prepared (bound against the catalog, nothing executed).
/// </summary>
public static partial class DuckDbStatements
{
    public static StatementCheck Check(DuckDBConnection connection, string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var count = ExtractStatements.DuckDBExtractStatements(connection.NativeConnection, sql, out var extracted);
        using (extracted)
        {
            if (count == 0)
            {
                var error = ExtractStatements.DuckDBExtractStatementsError(extracted);
                return new StatementCheck([], string.IsNullOrEmpty(error) ? null : error);
            }

            var types = new List<DuckDbStatementType>(count);
            for (var i = 0; i < count; i++)
            {
                var state = ExtractStatements.DuckDBPrepareExtractedStatement(connection.NativeConnection, extracted, i, out var statement);
                using (statement)
                {
                    if (state != DuckDBState.Success)
                    {
                        return new StatementCheck(types, PreparedStatements.DuckDBPrepareError(statement));
                    }

                    types.Add((DuckDbStatementType)PreparedStatementType(statement));
                }
            }

            return new StatementCheck(types, null);
        }
    }

    // DuckDB.NET does not bind duckdb_prepared_statement_type; the library is the one its package ships.
    [LibraryImport("duckdb", EntryPoint = "duckdb_prepared_statement_type")]
    private static partial int PreparedStatementType(DuckDBPreparedStatement statement);
}
