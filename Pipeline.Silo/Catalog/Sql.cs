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

    /// <summary>
    /// A read_parquet over files with Hive partition columns, tolerant of added columns. Files of different
    /// partition layouts (the dataset's <c>partitionBy</c> changed between runs) are read per layout and
    /// unioned by name, since one Hive read needs the same keys in every path.
    /// </summary>
    public static string ReadParquet(IReadOnlyList<string> paths)
    {
        var layouts = paths.GroupBy(p => string.Join("/", PartitionKeys(p)), StringComparer.Ordinal).ToList();
        if (layouts.Count == 1 && Renames(layouts[0].First()).Length == 0 || paths.Count == 0)
        {
            return Read(paths);
        }

        return "(" + string.Join("\nUNION ALL BY NAME\n", layouts.Select(l => $"SELECT *{Renames(l.First())} FROM {Read([.. l])}")) + ")";
    }

    static string Read(IReadOnlyList<string> paths) => $"read_parquet({List(paths)}, hive_partitioning = true, union_by_name = true)";

    // "country=USA/state=TX/f.parquet" -> [country, state]: the keys of a file's Hive folders, in order, as written.
    static IEnumerable<string> PartitionKeys(string path)
    {
        var folders = path.Replace('\\', '/').Split('/');
        return folders[..^1].Where(f => f.IndexOf('=', StringComparison.Ordinal) > 0).Select(f => f[..f.IndexOf('=', StringComparison.Ordinal)]);
    }

    // DuckDB escapes a partition column's name in its folder ("Flight%20Date=...") and reads it back escaped.
    static string Renames(string path)
    {
        var renames = PartitionKeys(path).Where(k => Uri.UnescapeDataString(k) != k)
            .Select(k => $"{Identifier(k)} AS {Identifier(Uri.UnescapeDataString(k))}").ToList();
        return renames.Count == 0 ? "" : $" RENAME ({string.Join(", ", renames)})";
    }
}
