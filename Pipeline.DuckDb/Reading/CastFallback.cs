using Pipeline.DuckDb.Native;

namespace Pipeline.DuckDb.Reading;

/// <summary>
/// Some types (GEOMETRY, VARIANT, types newer than this binding) have no documented vector layout. For a SELECT
/// returning one of them the statement is re-prepared as <c>SELECT ..., CAST(cN AS VARCHAR) FROM (query)</c> so
/// the reader gets DuckDB's own text for those columns; parameters keep their positions and names.
/// </summary>
internal static class CastFallback
{
    private const DuckDbType NewestKnownType = DuckDbType.Variant;

    /// <summary>The rewritten SQL and the original column names, or null when every column can be read as is.</summary>
    public static (string Sql, string[] Names)? Plan(PreparedStatementHandle statement, string sql)
    {
        if (NativeMethods.duckdb_prepared_statement_type(statement) != DuckDbStatementType.Select)
        {
            return null;
        }

        var count = (int)NativeMethods.duckdb_prepared_statement_column_count(statement);
        var cast = new bool[count];
        for (var i = 0; i < count; i++)
        {
            using var type = NativeMethods.duckdb_prepared_statement_column_logical_type(statement, (ulong)i);
            cast[i] = NeedsCast(type);
        }

        if (!cast.Contains(true))
        {
            return null;
        }

        var names = new string[count];
        for (var i = 0; i < count; i++)
        {
            names[i] = NativeMethods.ReadOwned(NativeMethods.duckdb_prepared_statement_column_name(statement, (ulong)i)) ?? string.Empty;
        }

        var body = sql.TrimEnd();
        while (body.EndsWith(';'))
        {
            body = body[..^1].TrimEnd();
        }

        var columns = string.Join(", ", Enumerable.Range(0, count).Select(i => cast[i] ? $"CAST(c{i} AS VARCHAR) AS c{i}" : $"c{i}"));
        var aliases = string.Join(", ", Enumerable.Range(0, count).Select(i => $"c{i}"));
        return ($"SELECT {columns} FROM (\n{body}\n) AS pipeline_cast_fallback({aliases})", names);
    }

    // Walks the logical type directly: building a ColumnType would also copy ENUM dictionaries.
    private static bool NeedsCast(LogicalTypeHandle type)
    {
        var id = NativeMethods.duckdb_get_type_id(type);
        return id switch
        {
            DuckDbType.Geometry or DuckDbType.Variant or > NewestKnownType => true,
            DuckDbType.List => NeedsCastOwned(NativeMethods.duckdb_list_type_child_type(type)),
            DuckDbType.Array => NeedsCastOwned(NativeMethods.duckdb_array_type_child_type(type)),
            DuckDbType.Map => NeedsCastOwned(NativeMethods.duckdb_map_type_key_type(type))
                || NeedsCastOwned(NativeMethods.duckdb_map_type_value_type(type)),
            DuckDbType.Struct => Enumerable.Range(0, (int)NativeMethods.duckdb_struct_type_child_count(type))
                .Any(i => NeedsCastOwned(NativeMethods.duckdb_struct_type_child_type(type, (ulong)i))),
            DuckDbType.Union => Enumerable.Range(0, (int)NativeMethods.duckdb_union_type_member_count(type))
                .Any(i => NeedsCastOwned(NativeMethods.duckdb_union_type_member_type(type, (ulong)i))),
            _ => false,
        };
    }

    private static bool NeedsCastOwned(LogicalTypeHandle type)
    {
        using (type)
        {
            return NeedsCast(type);
        }
    }
}
