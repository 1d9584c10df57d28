using System.Text;

namespace Pipeline.Spark.Engine;

/// <summary>
/// Looks at the start of a CSV file without DuckDB's sniffer: the fields of its first record (the header, when
/// there is one), and line breaks of two kinds.
/// </summary>
internal static class CsvFirstRecord
{
    const int PeekBytes = 1 << 20;

    /// <summary>
    /// The number of fields of the first record of <paramref name="head"/>: delimiters outside quotes up to the
    /// first line break outside quotes, plus one. A quote left open runs to the end of what is read.
    /// </summary>
    public static int FieldCount(ReadOnlySpan<byte> head, string delimiter, string quote) => Fields(head, delimiter, quote).Count;

    /// <summary>The fields of the first record of <paramref name="head"/>, quotes removed (a doubled quote is one).</summary>
    public static List<string> Fields(ReadOnlySpan<byte> head, string delimiter, string quote) => Fields(head, delimiter, quote, out _);

    /// <summary>
    /// The records of <paramref name="head"/> after its first <paramref name="skipRows"/> lines, blank lines and lines
    /// opening with <paramref name="comment"/> left out, at most <paramref name="max"/>. When <paramref name="cut"/>
    /// (the head is not the whole file), the last record may be cut short and is left out.
    /// </summary>
    public static List<List<string>> Records(ReadOnlySpan<byte> head, string delimiter, string quote, int skipRows, string comment, int max, bool cut)
    {
        for (var skipped = 0; skipped < skipRows && head.IndexOf((byte)'\n') is var end and >= 0; skipped++)
        {
            head = head[(end + 1)..];
        }

        var commentBytes = Encoding.UTF8.GetBytes(comment);
        var records = new List<List<string>>();
        while (head.Length > 0 && records.Count < max)
        {
            if (head[0] is (byte)'\n' or (byte)'\r' || commentBytes.Length > 0 && head.StartsWith(commentBytes))
            {
                head = head.IndexOf((byte)'\n') is var skip and >= 0 ? head[(skip + 1)..] : [];
                continue;
            }

            var fields = Fields(head, delimiter, quote, out var next);
            if (next >= head.Length && cut)
            {
                break;
            }

            records.Add(fields);
            head = head[next..];
        }

        return records;
    }

    // "next": where the following record starts (past the line break), or the head's length.
    static List<string> Fields(ReadOnlySpan<byte> head, string delimiter, string quote, out int next)
    {
        var separator = Encoding.UTF8.GetBytes(delimiter);
        var quoteBytes = Encoding.UTF8.GetBytes(quote);
        var fields = new List<string>();
        var field = new List<byte>();
        var quoted = false;
        var i = 0;
        for (; i < head.Length; i++)
        {
            if (quoteBytes.Length > 0 && head[i..].StartsWith(quoteBytes))
            {
                if (quoted && head[(i + quoteBytes.Length)..].StartsWith(quoteBytes))
                {
                    field.AddRange(quoteBytes);
                    i += quoteBytes.Length;
                }
                else
                {
                    quoted = !quoted;
                }

                i += quoteBytes.Length - 1;
            }
            else if (!quoted && head[i] is (byte)'\n' or (byte)'\r')
            {
                break;
            }
            else if (!quoted && separator.Length > 0 && head[i..].StartsWith(separator))
            {
                fields.Add(Encoding.UTF8.GetString([.. field]));
                field.Clear();
                i += separator.Length - 1;
            }
            else
            {
                field.Add(head[i]);
            }
        }

        fields.Add(Encoding.UTF8.GetString([.. field]));
        next = i < head.Length && head[i] == (byte)'\r' && i + 1 < head.Length && head[i + 1] == (byte)'\n' ? i + 2
            : i < head.Length ? i + 1 : head.Length;
        return fields;
    }

    /// <summary>
    /// The column names DuckDB gives a file: its header's names (an empty one named by its position, a repeated
    /// one suffixed <c>_1</c>, <c>_2</c>), or <c>column0</c>... without a header, numbered to the same width.
    /// </summary>
    public static List<string> ColumnNames(ReadOnlySpan<byte> head, string delimiter, string quote, bool header)
    {
        var fields = Fields(head, delimiter, quote);
        var width = (fields.Count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
        string Numbered(int i) => "column" + i.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(width, '0');
        if (!header)
        {
            return [.. fields.Select((_, i) => Numbered(i))];
        }

        var names = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < fields.Count; i++)
        {
            var name = fields[i].Length == 0 ? Numbered(i) : fields[i];
            var unique = name;
            for (var k = 1; !seen.Add(unique); k++)
            {
                unique = $"{name}_{k}";
            }

            names.Add(unique);
        }

        return names;
    }

    /// <summary>
    /// The problem when the file's records end in both Windows (CRLF) and Unix (LF) line breaks, which DuckDB's
    /// sniffer cannot make sense of (rows appended by another tool); null when one kind is used. Line breaks
    /// inside quoted values are not records' ends and are left out.
    /// </summary>
    public static string? MixedLineBreaks(ReadOnlySpan<byte> head, string quote)
    {
        var quoteBytes = Encoding.UTF8.GetBytes(quote);
        var (line, quoted) = (1, false);
        int? crlf = null, lf = null;
        for (var i = 0; i < head.Length && (crlf is null || lf is null); i++)
        {
            if (quoteBytes.Length > 0 && head[i..].StartsWith(quoteBytes))
            {
                quoted = !quoted;
                i += quoteBytes.Length - 1;
            }
            else if (!quoted && head[i] == (byte)'\n')
            {
                if (i > 0 && head[i - 1] == (byte)'\r')
                {
                    crlf ??= line;
                }
                else
                {
                    lf ??= line;
                }

                line++;
            }
        }

        return crlf is { } windows && lf is { } unix
            ? $"lines end in two kinds of line break: line {windows} in a Windows one (CRLF), line {unix} in a Unix one (LF); " +
              "save the file with one kind throughout"
            : null;
    }

    /// <summary>The first megabyte of the file's text (decompressed, without a byte order mark), which the other members look at.</summary>
    public static ReadOnlyMemory<byte> Head(string path) => Head(path, PeekBytes);

    /// <summary>The first <paramref name="bytes"/> of the file's text, as <see cref="Head(string)"/>.</summary>
    public static ReadOnlyMemory<byte> Head(string path, int bytes)
    {
        using var stream = InputFiles.Open(path);
        var buffer = new byte[bytes];
        var head = buffer.AsMemory(0, stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false));
        return head.Span.StartsWith("\xEF\xBB\xBF"u8) ? head[3..] : head;
    }
}
