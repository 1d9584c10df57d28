using Pipeline.Core.Datasets;
using Pipeline.Spark.Planning;
using Pipeline.Spark.Types;
using static Pipeline.Spark.Sql.DuckDbDialect;

namespace Pipeline.Spark.Sql;

/// <summary>DuckDB table-function calls that read one input file with the dataset's options.</summary>
internal static class DuckDbReads
{
    /// <summary>
    /// The read of one file. <paramref name="columns"/>: null to let the reader sniff; for CSV any value reads
    /// every column as text; for JSON the exact columns and types to read.
    /// </summary>
    public static string Read(SourceFormat format, string path, DatasetSpec spec, IReadOnlyList<(string Name, DuckType Type)>? columns)
    {
        // hive_partitioning=false: a raw key such as raw/x/date=2024-01-01/f.csv must not grow a "date" column.
        var file = LiteralOf(path);
        return format switch
        {
            SourceFormat.Csv => $"read_csv({file}, {CsvOptions(spec, path)}, hive_partitioning=false{(columns is null ? "" : ", all_varchar=true")})",
            SourceFormat.Parquet => $"read_parquet({file}, hive_partitioning=false)",
            _ => $"read_json({file}, format={(format == SourceFormat.JsonArray ? "'array'" : "'newline_delimited'")}, records=true, hive_partitioning=false{JsonColumns(columns)})",
        };
    }

    /// <summary>The dataset's CSV options as read_csv/sniff_csv named parameters.</summary>
    public static string CsvOptions(DatasetSpec spec, string path) =>
        $"delim={LiteralOf(FormatResolver.CsvDelimiter(spec, path))}, quote={LiteralOf(spec.CsvQuote)}, " +
        $"header={(spec.CsvHeader ? "true" : "false")}, nullstr={LiteralOf(spec.CsvNullString)}";

    /// <summary>Sniffs one file's columns: cheap, it reads a sample.</summary>
    public static string Describe(SourceFormat format, string path, DatasetSpec spec) =>
        $"DESCRIBE SELECT * FROM {Read(format, path, spec, null)}";

    /// <summary>The date and timestamp formats the CSV sniffer detected (NULL when ISO).</summary>
    public static string SniffCsvFormats(string path, DatasetSpec spec) =>
        $"SELECT DateFormat, TimestampFormat FROM sniff_csv({LiteralOf(path)}, {CsvOptions(spec, path)}, hive_partitioning=false)";

    static string JsonColumns(IReadOnlyList<(string Name, DuckType Type)>? columns) =>
        columns is null
            ? ""
            : $", columns={{{string.Join(", ", columns.Select(c => $"{LiteralOf(c.Name)}: {LiteralOf(c.Type.ToString())}"))}}}";
}
