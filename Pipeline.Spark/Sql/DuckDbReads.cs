using System.Globalization;
using System.Text;
using Pipeline.Core.Datasets;
using Pipeline.Core.Transform;
using Pipeline.Spark.Planning;
using static Pipeline.Spark.Sql.DuckDbDialect;

namespace Pipeline.Spark.Sql;

/// <summary>DuckDB table-function calls that read one input file with the dataset's options.</summary>
internal static class DuckDbReads
{
    /// <summary>
    /// Nesting the JSON reader types as structs and lists; deeper values stay whole as JSON text. DuckDB binds
    /// a 200-deep struct path in seconds and a few thousand levels not at all ("max expression depth").
    /// </summary>
    public const int MaxJsonTypeDepth = 32;

    /// <summary>The read used to sniff a file (a CSV file with <paramref name="csv"/>): the reader infers every column.</summary>
    public static string Sniffing(SourceFormat format, string path, TransformRequest request, CsvDialect? csv) => Call(format, path, request, csv, "");

    /// <summary>
    /// The read of a planned file. <paramref name="csvTypes"/> null: raw values (CSV all text, declared JSON fields
    /// as text), to be checked in SQL. Otherwise the CSV column types the reader converts to itself (cheaper
    /// than casting text, and failing on the first value that does not convert).
    /// </summary>
    public static string Planned(SourcePlan source, TransformRequest request, IReadOnlyDictionary<string, string>? csvTypes)
    {
        var extra = source.Format switch
        {
            SourceFormat.Csv when csvTypes is null => ", all_varchar=true",
            SourceFormat.Csv => $", types={{{string.Join(", ", csvTypes.Select(t => $"{LiteralOf(t.Key)}: {LiteralOf(t.Value)}"))}}}{TimeFormats(request.Spec)}",
            SourceFormat.NdJson or SourceFormat.JsonArray when source.HasReadOverrides =>
                $", columns={{{string.Join(", ", source.ReadColumns.Select(c => $"{LiteralOf(c.Name)}: {LiteralOf(c.Type.ToString())}"))}}}",
            _ => "",
        };
        return Call(source.Format, source.Input.Path, request, source.Csv, extra);
    }

    /// <summary>
    /// A strict read of a CSV file as <paramref name="fieldCount"/> text columns, without the sniffer: when the
    /// sniffer gives up on a file, this read fails on the first line that breaks the CSV rules, naming it. Only the
    /// single-threaded reader (<paramref name="parallel"/> false) counts lines up to an over-long one, and only the
    /// parallel one reports a quote left open.
    /// </summary>
    public static string StrictCsv(string path, TransformRequest request, CsvDialect csv, int fieldCount, bool parallel) =>
        TextRead(path, request, csv, Enumerable.Range(1, fieldCount).Select(i => $"c{i}"), $"parallel={(parallel ? "true" : "false")}");

    // A CSV read without the sniffer: the dialect as given, the named columns all text.
    static string TextRead(string path, TransformRequest request, CsvDialect csv, IEnumerable<string> columns, string options) =>
        $"read_csv({FileLiteral(path)}, {CsvOptions(request, csv)}, hive_partitioning=false, auto_detect=false, " +
        $"columns={{{string.Join(", ", columns.Select(c => $"{LiteralOf(c)}: 'VARCHAR'"))}}}, {options})";

    /// <summary>A JSON file read as plain values (no records), to tell an empty file from a broken one.</summary>
    public static string JsonValues(SourceFormat format, string path) =>
        $"read_json({FileLiteral(path)}, format={(format == SourceFormat.JsonArray ? "'array'" : "'newline_delimited'")}, records=false, " +
        $"maximum_depth={MaxJsonTypeDepth}, hive_partitioning=false)";

    // The typed read converts times in the dataset's formats itself (an ISO value then fails it, and the Staged
    // strategy reads either). The sniffer is not given them: with a format it would no longer type ISO columns.
    static string TimeFormats(Pipeline.Core.Datasets.DatasetSpec spec) =>
        (spec.TimestampFormat is { } timestamps ? $", timestampformat={LiteralOf(timestamps)}" : "")
        + (spec.DateFormat is { } dates ? $", dateformat={LiteralOf(dates)}" : "");

    /// <summary>A file's CSV dialect as read_csv/sniff_csv named parameters.</summary>
    static string CsvOptions(TransformRequest request, CsvDialect csv)
    {
        var options = $"delim={LiteralOf(csv.Delimiter)}, quote={LiteralOf(csv.Quote)}, header={(csv.Header ? "true" : "false")}, " +
            $"nullstr={LiteralOf(request.Spec.CsvNullString)}"
            + (csv.Escape != csv.Quote ? $", escape={LiteralOf(csv.Escape)}" : "")
            + (csv.SkipRows > 0 ? $", skip={csv.SkipRows.ToString(CultureInfo.InvariantCulture)}" : "")
            + (csv.Comment.Length > 0 ? $", comment={LiteralOf(csv.Comment)}" : "")
            + Encoding(request.Spec);
        return WithBuffer(request, options);
    }

    /// <summary>The encoding option where the dataset declares one other than UTF-8 (DuckDB's default).</summary>
    static string Encoding(DatasetSpec spec) => spec.CsvEncoding switch
    {
        CsvEncoding.Latin1 => ", encoding='latin-1'",
        CsvEncoding.Utf16 => ", encoding='utf-16'",
        _ => "",
    };

    /// <summary>The rejects table a rescue read fills, one row per line it could not parse.</summary>
    public const string RejectsTable = "__pipeline_rejects";

    /// <summary>
    /// A CSV read that sets malformed lines aside instead of failing: no sniffing (which gives up on such files), the
    /// planned columns as text, and each line it cannot parse stored in <see cref="RejectsTable"/> with its number.
    /// <paramref name="path"/> is the file, or the rest of it after a quote left open (then without a header).
    /// </summary>
    public static string Rescue(SourcePlan source, TransformRequest request, string path, bool header) =>
        TextRead(path, request, source.Csv with { Header = header, SkipRows = header ? source.Csv.SkipRows : 0 }, source.ReadColumns.Select(c => c.Name),
            $"store_rejects=true, rejects_table={LiteralOf(RejectsTable)}, rejects_scan={LiteralOf(RejectsTable + "_scans")}");

    /// <summary>
    /// Sniffs how a CSV file is written, fixing what the dataset declares, in the row shape of
    /// <see cref="SniffCsv"/> (a row per column) followed by the dialect. The quote stays '"' unless declared: a
    /// sniffer that may choose "no quote" would read a file with one unclosed quote as rows with stray quotes in them.
    /// </summary>
    public static string SniffDialect(TransformRequest request, string path)
    {
        var spec = request.Spec;
        var options = new List<string> { $"quote={LiteralOf(spec.CsvQuote)}", $"nullstr={LiteralOf(spec.CsvNullString)}{Encoding(spec)}" };
        if (FormatResolver.DelimiterDeclared(spec, path))
        {
            options.Add($"delim={LiteralOf(FormatResolver.CsvDelimiter(spec, path))}");
        }

        if (spec.CsvDeclared.HasFlag(CsvDeclared.Header))
        {
            options.Add($"header={(spec.CsvHeader ? "true" : "false")}");
        }

        const string dialect = "Delimiter, Quote, Escape, HasHeader, SkipRows, Comment";
        return $"SELECT c.name, c.type, DateFormat, TimestampFormat, {dialect} FROM (SELECT unnest(Columns) AS c, DateFormat, TimestampFormat, {dialect} " +
            $"FROM sniff_csv({FileLiteral(path)}, {WithBuffer(request, string.Join(", ", options))}, hive_partitioning=false))";
    }

    static string WithBuffer(TransformRequest request, string options) =>
        MemoryBudget.Of(request).CsvBufferSize is { } buffer
            ? $"{options}, buffer_size={buffer.ToString(CultureInfo.InvariantCulture)}"
            : options;

    /// <summary>Sniffs one file's columns: cheap, it reads a sample.</summary>
    public static string Describe(SourceFormat format, string path, TransformRequest request) =>
        $"DESCRIBE SELECT * FROM {Sniffing(format, path, request, csv: null)}";

    /// <summary>
    /// Sniffs a CSV file in one pass over its sample: a row per column (name, type) with the date and timestamp
    /// formats the sniffer detected (NULL when none).
    /// </summary>
    public static string SniffCsv(string path, TransformRequest request, CsvDialect csv) =>
        "SELECT c.name, c.type, DateFormat, TimestampFormat FROM (SELECT unnest(Columns) AS c, DateFormat, TimestampFormat " +
        $"FROM sniff_csv({FileLiteral(path)}, {CsvOptions(request, csv)}, hive_partitioning=false))";

    /// <summary>
    /// Writes the first <paramref name="rows"/> readable records of a CSV file the sniffer gives up on (malformed
    /// lines in its sample) to <paramref name="target"/> as plain CSV with a header, for the sniffer to type.
    /// </summary>
    public static string CopyGoodSample(string path, TransformRequest request, CsvDialect csv, IReadOnlyList<string> names, int rows, string target) =>
        $"COPY (SELECT * FROM {TextRead(path, request, csv, names, "ignore_errors=true")} LIMIT {rows}) " +
        $"TO {LiteralOf(target)} (FORMAT csv, HEADER true, NULLSTR {LiteralOf(request.Spec.CsvNullString)})";

    /// <summary>
    /// <paramref name="path"/> as DuckDB's readers match it: they expand '*', '?' and '[' as a glob, so a raw file
    /// named <c>a[1].csv</c> would read <c>a1.csv</c> instead and <c>b*.csv</c> every <c>b...csv</c>. Each of them is
    /// put in a bracket class of its own, which matches that character only.
    /// </summary>
    public static string FilePattern(string path)
    {
        if (path.AsSpan().IndexOfAny("*?[") < 0)
        {
            return path;
        }

        var pattern = new StringBuilder(path.Length + 8);
        foreach (var c in path)
        {
            pattern.Append(c is '*' or '?' or '[' ? $"[{c}]" : c);
        }

        return pattern.ToString();
    }

    static string FileLiteral(string path) => LiteralOf(FilePattern(path));

    // hive_partitioning=false: a raw key such as raw/x/date=2024-01-01/f.csv must not grow a "date" column.
    static string Call(SourceFormat format, string path, TransformRequest request, CsvDialect? csv, string extra)
    {
        var file = FileLiteral(path);
        const string json = "records=true, hive_partitioning=false";
        return format switch
        {
            SourceFormat.Csv => $"read_csv({file}, {CsvOptions(request, csv ?? FormatResolver.DeclaredCsv(request.Spec, path))}, hive_partitioning=false{extra})",
            SourceFormat.Parquet => $"read_parquet({file}, hive_partitioning=false{extra})",
            SourceFormat.JsonArray => $"read_json({file}, format='array', {json}, maximum_depth={MaxJsonTypeDepth}{extra})",
            _ => $"read_json({file}, format='newline_delimited', {json}, maximum_depth={MaxJsonTypeDepth}{extra})",
        };
    }
}
