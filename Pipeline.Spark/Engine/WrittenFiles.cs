using Pipeline.Core.Transform;
using DuckDB.NET.Data;
using DuckDB.NET.Native;
using Pipeline.Spark.DuckDb;

namespace Pipeline.Spark.Engine;

/// <summary>Reads COPY ... RETURN_STATS into <see cref="WrittenFile"/>s, with partition values parsed from the Hive path.</summary>
internal static class WrittenFiles
{
    const string DefaultPartition = "__HIVE_DEFAULT_PARTITION__";

    /// <summary>Runs a COPY with RETURN_STATS and lists what it wrote, relative to <paramref name="outputDir"/>.</summary>
    public static List<WrittenFile> Copy(DuckDBConnection connection, string copy, string outputDir, CancellationToken cancellationToken)
    {
        var files = connection.Read(copy, reader => Read(reader, outputDir), cancellationToken);
        files.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return files;
    }

    static List<WrittenFile> Read(DuckDBDataReader reader, string outputDir)
    {
        var files = new List<WrittenFile>();
        var name = reader.GetOrdinal("filename");
        var count = reader.GetOrdinal("count");
        var size = reader.GetOrdinal("file_size_bytes");
        while (reader.Read())
        {
            var relative = Path.GetRelativePath(outputDir, reader.GetString(name)).Replace('\\', '/');
            files.Add(new WrittenFile(relative, Partition(relative), reader.GetInt64(count), reader.GetInt64(size)));
        }

        return files;
    }

    /// <summary>
    /// The <c>key=value</c> folders of a Hive path, values URL-decoded as DuckDB encodes them; DuckDB's
    /// folder for NULL (<c>__HIVE_DEFAULT_PARTITION__</c>) is kept as that text.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Partition(string relativePath)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var segment in relativePath.Split('/')[..^1])
        {
            var eq = segment.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                var value = segment[(eq + 1)..];
                values[Uri.UnescapeDataString(segment[..eq])] = value == DefaultPartition ? value : Uri.UnescapeDataString(value);
            }
        }

        return values;
    }
}
