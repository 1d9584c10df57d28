using Pipeline.Core.Datasets;
using Pipeline.Spark.Planning;
using static Pipeline.Spark.Sql.DuckDbDialect;

namespace Pipeline.Spark.Sql;

/// <summary>DuckDB table-function calls that read one input file with the dataset's options.</summary>
internal static class DuckDbReads
{
    /// <summary>The read used to sniff a file: the reader infers every column.</summary>
    public static string Sniffing(SourceFormat format, string path, DatasetSpec spec) => Call(format, path, spec, "");

    /// <summary>
    /// The read of a planned file. <paramref name="csvTypes"/> null: raw values (CSV all text, declared JSON fields
    /// as text), to be checked in SQL. Otherwise the CSV column types the reader converts to itself (cheaper
    /// than casting text, and failing on the first value that does not convert).
    /// </summary>
    public static string Planned(SourcePlan source, DatasetSpec spec, IReadOnlyDictionary<string, string>? csvTypes)
    {
        var extra = source.Format switch
        {
            SourceFormat.Csv when csvTypes is null => ", all_varchar=true",
            SourceFormat.Csv => $", types={{{string.Join(", ", csvTypes.Select(t => $"{LiteralOf(t.Key)}: {LiteralOf(t.Value)}"))}}}",
            SourceFormat.NdJson or SourceFormat.JsonArray when source.HasReadOverrides =>
                $", columns={{{string.Join(", ", source.ReadColumns.Select(c => $"{LiteralOf(c.Name)}: {LiteralOf(c.Type.ToString())}"))}}}",
            _ => "",
        };
        return Call(source.Format, source.Input.Path, spec, extra);
    }

    /// <summary>A JSON file read as plain values (no records), to tell an empty file from a broken one.</summary>
    public static string JsonValues(SourceFormat format, string path) =>
        $"read_json({LiteralOf(path)}, format={(format == SourceFormat.JsonArray ? "'array'" : "'newline_delimited'")}, records=false, hive_partitioning=false)";

    /// <summary>The dataset's CSV options as read_csv/sniff_csv named parameters.</summary>
    public static string CsvOptions(DatasetSpec spec, string path) =>
        $"delim={LiteralOf(FormatResolver.CsvDelimiter(spec, path))}, quote={LiteralOf(spec.CsvQuote)}, " +
        $"header={(spec.CsvHeader ? "true" : "false")}, nullstr={LiteralOf(spec.CsvNullString)}";

    /// <summary>Sniffs one file's columns: cheap, it reads a sample.</summary>
    public static string Describe(SourceFormat format, string path, DatasetSpec spec) =>
        $"DESCRIBE SELECT * FROM {Sniffing(format, path, spec)}";

    /// <summary>
    /// Sniffs a CSV file in one pass over its sample: a row per column (name, type) with the date and timestamp
    /// formats the sniffer detected (NULL when none).
    /// </summary>
    public static string SniffCsv(string path, DatasetSpec spec) =>
        "SELECT c.name, c.type, DateFormat, TimestampFormat FROM (SELECT unnest(Columns) AS c, DateFormat, TimestampFormat " +
        $"FROM sniff_csv({LiteralOf(path)}, {CsvOptions(spec, path)}, hive_partitioning=false))";

    // hive_partitioning=false: a raw key such as raw/x/date=2024-01-01/f.csv must not grow a "date" column.
    static string Call(SourceFormat format, string path, DatasetSpec spec, string extra)
    {
        var file = LiteralOf(path);
        return format switch
        {
            SourceFormat.Csv => $"read_csv({file}, {CsvOptions(spec, path)}, hive_partitioning=false{extra})",
            SourceFormat.Parquet => $"read_parquet({file}, hive_partitioning=false{extra})",
            SourceFormat.JsonArray => $"read_json({file}, format='array', records=true, hive_partitioning=false{extra})",
            _ => $"read_json({file}, format='newline_delimited', records=true, hive_partitioning=false{extra})",
        };
    }
}
