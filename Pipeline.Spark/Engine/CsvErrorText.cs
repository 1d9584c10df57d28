using System.Globalization;
using System.Text.RegularExpressions;

namespace Pipeline.Spark.Engine;

/// <summary>
/// DuckDB's CSV reader errors in plain words. DuckDB writes "CSV Error on Line: N", an echo of the line (which
/// may span many lines, or 50 MB), the problem, then its fixes and every reader option; only the line
/// number, the problem and the start of the line are kept.
/// </summary>
internal static partial class CsvErrorText
{
    const string LineMarker = "CSV Error on Line: ";
    const string EchoMarker = "\nOriginal Line: ";
    const int SnippetLength = 80;

    /// <summary>
    /// True when the message does not tell the line: the sniffer's "could not detect the dialect" names none, and
    /// the sniffer puts any over-long line on line 1.
    /// </summary>
    public static bool NamesNoLine(string message) =>
        message.Contains("It was not possible to automatically detect the CSV parsing dialect", StringComparison.Ordinal) ||
        message.StartsWith($"Invalid Input Error: {LineMarker}1\n", StringComparison.Ordinal) && LineSize().IsMatch(message);

    /// <summary>True when DuckDB gave up on a line longer than its maximum line size.</summary>
    public static bool IsLineTooLong(string message) => LineSize().IsMatch(message);

    /// <summary>The problem in plain words, or null when <paramref name="message"/> is not a CSV error DuckDB words this way.</summary>
    public static string? Plain(string message)
    {
        if (message.Contains("state machine reached an invalid state", StringComparison.Ordinal))
        {
            return "the text cannot be parsed as CSV with the dataset's delimiter and quote";
        }

        var at = message.IndexOf(LineMarker, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var digits = message.AsSpan(at + LineMarker.Length);
        var end = digits.IndexOfAnyExceptInRange('0', '9');
        if (!long.TryParse(end < 0 ? digits : digits[..end], NumberStyles.None, CultureInfo.InvariantCulture, out var line))
        {
            return null;
        }

        var snippet = Snippet(message, at);
        if (Last(message, FieldCount()) is { } fields)
        {
            // DuckDB stops counting one past the expected number: "more" is all it knows.
            var (expected, found) = (int.Parse(fields.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(fields.Groups[2].Value, CultureInfo.InvariantCulture));
            return found > expected
                ? $"line {line} has more than the {expected} fields expected{snippet}"
                : $"line {line} has {found} field{(found == 1 ? "" : "s")} where {expected} are expected{snippet}";
        }

        if (message.LastIndexOf("Value with unterminated quote found", StringComparison.Ordinal) > at)
        {
            return $"line {line} opens a quoted value that is never closed{snippet}";
        }

        if (message.LastIndexOf("Invalid unicode", StringComparison.Ordinal) > at)
        {
            return $"line {line} is not UTF-8 text (Latin-1 or Windows-1252?); {ContentCheck.CsvUtf8Hint}";
        }

        if (Last(message, LineSize()) is { } size)
        {
            // DuckDB counts a long line only as far as its buffer reaches: the size is a lower bound.
            return $"line {line} is longer than a CSV line may be ({Number(size.Groups[2].Value)} bytes or more; the limit is {Number(size.Groups[1].Value)})";
        }

        return null;
    }

    // The first line of the echo, shortened: enough to find the line, never the 50 MB of it.
    static string Snippet(string message, int from)
    {
        var echo = message.IndexOf(EchoMarker, from, StringComparison.Ordinal);
        if (echo < 0)
        {
            return "";
        }

        var start = echo + EchoMarker.Length;
        var end = message.IndexOf('\n', start);
        var text = message[start..Math.Min(end < 0 ? message.Length : end, start + SnippetLength + 1)];
        return text.Length > SnippetLength ? $": {text[..SnippetLength]}..." : $": {text}";
    }

    // The echo comes before the problem and may hold anything: the problem is its last match.
    static Match? Last(string message, Regex regex)
    {
        var match = regex.Match(message);
        return match.Success ? match : null;
    }

    static string Number(string digits) => long.Parse(digits, CultureInfo.InvariantCulture).ToString("N0", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"Expected Number of Columns: (\d+) Found: (\d+)", RegexOptions.RightToLeft | RegexOptions.CultureInvariant)]
    private static partial Regex FieldCount();

    [GeneratedRegex(@"Maximum line size of (\d+) bytes exceeded\. Actual Size:\s*(\d+) bytes", RegexOptions.RightToLeft | RegexOptions.CultureInvariant)]
    private static partial Regex LineSize();
}
