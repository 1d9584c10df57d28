using System.Text.RegularExpressions;
using DuckDB.NET.Data;
using DuckDB.NET.Native;
using Pipeline.Core.Queries;
using Pipeline.Spark.DuckDb;

namespace Pipeline.Silo.Queries;

/// <summary>
/// Reads a query's result with DuckDB's own column types. DuckDB.NET cannot read some types (UNION, GEOMETRY,
/// VARIANT, TIME_NS), and some values do not fit .NET (infinite or far-away dates): those come back as DuckDB's text.
/// </summary>
internal static partial class ResultReader
{
    /// <summary>The columns as DuckDB names and types them, without running the query.</summary>
    public static List<ResultColumn> Describe(DuckDBConnection connection, string sql, CancellationToken cancellationToken) =>
        connection.Read($"DESCRIBE {sql}", reader =>
        {
            var columns = new List<ResultColumn>();
            while (reader.Read())
            {
                columns.Add(new ResultColumn(reader.GetString(0), reader.GetString(1)));
            }

            return columns;
        }, cancellationToken);

    /// <summary>The SQL to run: <paramref name="sql"/> itself, or wrapped so unreadable columns are cast to text.</summary>
    public static string Readable(string sql, IReadOnlyList<ResultColumn> columns)
    {
        if (!columns.Any(c => Unreadable().IsMatch(c.Type)))
        {
            return sql;
        }

        var body = sql.TrimEnd();
        while (body.EndsWith(';'))
        {
            body = body[..^1].TrimEnd();
        }

        var select = string.Join(", ", columns.Select((c, i) => Unreadable().IsMatch(c.Type) ? $"CAST(c{i} AS VARCHAR) AS c{i}" : $"c{i}"));
        var aliases = string.Join(", ", columns.Select((_, i) => $"c{i}"));
        // The newline keeps a trailing line comment of the user's text from swallowing the parenthesis.
        return $"SELECT {select} FROM (\n{body}\n) AS pipeline_result({aliases})";
    }

    /// <summary>The scale of each DECIMAL column, so values keep it (10.00 stays 10.00, not 10).</summary>
    public static int?[] DecimalScales(IReadOnlyList<ResultColumn> columns) =>
        columns.Select(c => DecimalType().Match(c.Type) is { Success: true } m ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : (int?)null).ToArray();

    /// <summary>One value, ready for the JSON page and the CSV file.</summary>
    public static object? Value(DuckDBDataReader reader, int ordinal, int? decimalScale)
    {
        if (reader.IsDBNull(ordinal))
        {
            return null;
        }

        try
        {
            return reader.GetValue(ordinal) switch
            {
                Stream blob => ReadAll(blob),
                // DuckDB.NET returns wide decimals (HUGEINT-backed) without their trailing zeros.
                decimal number when decimalScale is { } scale && number.Scale != scale => Rescale(number, scale),
                // Only TIMETZ reads as DateTimeOffset (on day one): its value is the time of day and the offset.
                DateTimeOffset time => time.ToString("HH:mm:ss.FFFFFFFzzz", System.Globalization.CultureInfo.InvariantCulture),
                var value => value,
            };
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentOutOfRangeException)
        {
            return reader.GetProviderSpecificValue(ordinal) switch
            {
                DuckDBTimestamp { IsInfinity: true } t => t.IsPositiveInfinity ? "infinity" : "-infinity",
                DuckDBDateOnly { IsInfinity: true } d => d.IsPositiveInfinity ? "infinity" : "-infinity",
                DuckDBDateOnly d => $"{d.Year}-{d.Month:00}-{d.Day:00}",
                DuckDBTimestamp t => $"{t.Date.Year}-{t.Date.Month:00}-{t.Date.Day:00} {t.Time.Hour:00}:{t.Time.Min:00}:{t.Time.Sec:00}",
                var other => other?.ToString(),
            };
        }
    }

    static decimal Rescale(decimal number, int scale) =>
        decimal.Parse(number.ToString("F" + scale.ToString(System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture),
            System.Globalization.CultureInfo.InvariantCulture);

    static byte[] ReadAll(Stream blob)
    {
        using (blob)
        {
            using var copy = new MemoryStream();
            blob.CopyTo(copy);
            return copy.ToArray();
        }
    }

    [GeneratedRegex(@"^DECIMAL\(\d+,(\d+)\)$", RegexOptions.CultureInvariant)]
    private static partial Regex DecimalType();

    [GeneratedRegex(@"\b(UNION|GEOMETRY|VARIANT|TIME_NS)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Unreadable();
}
