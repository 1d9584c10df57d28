namespace Pipeline.Silo.Catalog;

/// <summary>Quoting for the few SQL fragments the silo writes itself (paths and names from the catalog).</summary>
public static class Sql
{
    /// <summary>A string literal.</summary>
    public static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>A quoted identifier.</summary>
    public static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>A list literal of strings.</summary>
    public static string List(IEnumerable<string> values) => "[" + string.Join(", ", values.Select(Literal)) + "]";

    /// <summary>A read_parquet over files with Hive partition columns, tolerant of added columns.</summary>
    public static string ReadParquet(IReadOnlyList<string> paths) =>
        $"read_parquet({List(paths)}, hive_partitioning = true, union_by_name = true)";
}
