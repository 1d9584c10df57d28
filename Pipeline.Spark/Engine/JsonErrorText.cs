using System.Globalization;
using System.Text.RegularExpressions;

namespace Pipeline.Spark.Engine;

/// <summary>DuckDB's JSON reader errors in plain words, or null when a message is not one of them.</summary>
internal static partial class JsonErrorText
{
    const int DetailLength = 100;

    /// <summary>The problem in plain words, or null when <paramref name="message"/> is not a JSON reader error DuckDB words this way.</summary>
    public static string? Plain(string message)
    {
        if (Malformed().Match(message) is { Success: true } malformed)
        {
            // DuckDB 1.5.6 numbers records from 2 in this message (its "line" counts records, not lines, plus one).
            var record = long.Parse(malformed.Groups[2].Value, CultureInfo.InvariantCulture) - 1;
            var byteInRecord = malformed.Groups[1].Value;
            var problem = malformed.Groups[3].Value.Trim().TrimEnd('.');
            return problem switch
            {
                "unexpected end of data" => $"record {record} is cut short (the data ends inside it)",
                "invalid UTF-8 encoding in string" => $"record {record} is not UTF-8 text (Latin-1 or Windows-1252?); it must be UTF-8",
                _ => $"record {record} is not valid JSON: {problem} at byte {byteInRecord} of the record",
            };
        }

        if (Transform().Match(message) is { Success: true } transform)
        {
            var detail = transform.Groups[2].Value.Trim();
            detail = detail.Length > DetailLength ? detail[..DetailLength] + "..." : detail;
            return $"line {transform.Groups[1].Value} has a value that does not fit the type the reader inferred from the records before it ({detail})";
        }

        if (ObjectSize().Match(message) is { Success: true } size)
        {
            var limit = long.Parse(size.Groups[1].Value, CultureInfo.InvariantCulture);
            return $"a record is larger than {limit.ToString("N0", CultureInfo.InvariantCulture)} bytes, the most the JSON reader takes";
        }

        if (message.Contains("expected records, but got non-record JSON", StringComparison.Ordinal))
        {
            return "a record is not a JSON object (each line, or each element of the top-level array, must be an object)";
        }

        return null;
    }

    [GeneratedRegex(@"Malformed JSON in file "".*"", at byte (\d+) in (?:line|record/value) (\d+): ([^\n]*)", RegexOptions.CultureInvariant)]
    private static partial Regex Malformed();

    [GeneratedRegex(@"JSON transform error in file "".*"", in line (\d+): ([^\n]*)", RegexOptions.CultureInvariant)]
    private static partial Regex Transform();

    [GeneratedRegex(@"""maximum_object_size"" of (\d+) bytes exceeded", RegexOptions.CultureInvariant)]
    private static partial Regex ObjectSize();
}
