using System.Globalization;
using static Pipeline.Spark.Sql.DuckDbDialect;

namespace Pipeline.Spark.Sql;

/// <summary>
/// The statements over the run's set-aside lines: malformed lines of files whose other lines land, each with
/// the file, its line number, the reason and its text (bounded), written to the quarantine as NDJSON.
/// </summary>
internal static class DuckDbLines
{
    /// <summary>The set-aside lines of the run.</summary>
    public const string Table = "__pipeline_lines";

    /// <summary>Characters of a line's text kept: enough to find and fix it, never a whole runaway record.</summary>
    public const int TextLimit = 1000;

    const string Rejects = DuckDbReads.RejectsTable;

    public static string Create() =>
        $"CREATE TEMP TABLE IF NOT EXISTS {Table} (_source_file VARCHAR, _line BIGINT, _reason VARCHAR, _text VARCHAR)";

    /// <summary>
    /// What the last rescue read rejected: the first line in another encoding (NULL when none), the lines, and the
    /// line of the record that starts at byte <paramref name="openAt"/> (from 0), the one whose quote is left open.
    /// </summary>
    public static string Inspect(long? openAt) =>
        "SELECT min(line) FILTER (WHERE error_type = 'INVALID ENCODING'), count(DISTINCT line), " +
        $"min(line) FILTER (WHERE line_byte_position - 1 = {(openAt is { } at ? Number(at) : "NULL")}) FROM {Rejects}";

    /// <summary>
    /// Moves the last rescue read's rejects into <see cref="Table"/>, one per line, numbered from
    /// <paramref name="lineOffset"/>: the reason in the engine's words (the first DuckDB gives for the line), the text bounded.
    /// </summary>
    /// <remarks>The record of <paramref name="openLine"/>, whose quote runs to the end of the file, is set aside as its first line alone.</remarks>
    public static string TakeRejects(string sourceKey, long lineOffset, long? openLine) =>
        $"INSERT INTO {Table} SELECT {LiteralOf(sourceKey)}, line + {Number(lineOffset)}, {Reason}, " +
        $"left(CASE WHEN line = {(openLine is { } open ? Number(open) : "NULL")} THEN split_part(csv_line, chr(10), 1) ELSE csv_line END, {TextLimit}) FROM {Rejects} " +
        "QUALIFY row_number() OVER (PARTITION BY line ORDER BY byte_position, length(error_message), error_message) = 1; " +
        $"DELETE FROM {Rejects}";

    // The words of CsvErrorText, without the line number (the line has its own field, and the same reason groups).
    const string Reason =
        "CASE error_type " +
        "WHEN 'MISSING COLUMNS' THEN 'has ' || regexp_extract(error_message, 'Found: (\\d+)', 1) || " +
        "CASE WHEN regexp_extract(error_message, 'Found: (\\d+)', 1) = '1' THEN ' field' ELSE ' fields' END || ' where ' || " +
        "regexp_extract(error_message, 'Columns: (\\d+)', 1) || ' are expected' " +
        "WHEN 'TOO MANY COLUMNS' THEN 'has more than the ' || regexp_extract(error_message, 'Columns: (\\d+)', 1) || ' fields expected' " +
        "WHEN 'UNQUOTED VALUE' THEN CASE WHEN error_message LIKE '%unterminated quote%' THEN 'opens a quoted value that is never closed' " +
        "ELSE 'has a quote inside a value that is not quoted' END " +
        "WHEN 'LINE SIZE OVER MAXIMUM' THEN 'is longer than a CSV line may be' " +
        "ELSE error_message END";

    /// <summary>Adds lines found outside DuckDB (NDJSON), as (line, reason, text).</summary>
    public static string Insert(string sourceKey, IEnumerable<(long Line, string Reason, string Text)> lines) =>
        $"INSERT INTO {Table} VALUES " + string.Join(", ", lines.Select(l =>
            $"({LiteralOf(sourceKey)}, {Number(l.Line)}, {LiteralOf(l.Reason)}, {LiteralOf(l.Text)})"));

    /// <summary>Lines set aside from <paramref name="sourceKey"/>.</summary>
    public static string Count(string sourceKey) => $"SELECT count(*) FROM {Table} WHERE _source_file = {LiteralOf(sourceKey)}";

    /// <summary>The first line set aside from <paramref name="sourceKey"/> and its reason.</summary>
    public static string First(string sourceKey) =>
        $"SELECT _line, _reason, _text FROM {Table} WHERE _source_file = {LiteralOf(sourceKey)} ORDER BY _line LIMIT 1";

    /// <summary>Forgets the lines of <paramref name="sourceKey"/> (the file is quarantined whole, or staged again).</summary>
    public static string Forget(string sourceKey) => $"DELETE FROM {Table} WHERE _source_file = {LiteralOf(sourceKey)}";

    /// <summary>Lines by file and reason: count and first line.</summary>
    public static string Summarize() =>
        $"SELECT _source_file, _reason, count(*), min(_line) FROM {Table} GROUP BY ALL ORDER BY 1, 3 DESC, 2";

    /// <summary>Writes the lines to the quarantine, in file and line order.</summary>
    public static string CopyTo(string path) =>
        $"COPY (SELECT * FROM {Table} ORDER BY _source_file, _line) TO {LiteralOf(path)} (FORMAT json)";

    static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
