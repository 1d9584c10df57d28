using System.IO.Compression;
using System.Text;

namespace Pipeline.Spark.Engine;

/// <summary>Counts the fields of a CSV file's first record (the header, when there is one), without DuckDB's sniffer.</summary>
internal static class CsvFirstRecord
{
    const int PeekBytes = 1 << 20;

    /// <summary>
    /// Fields of the first record of <paramref name="path"/>: delimiters outside quotes up to the first line
    /// break outside quotes, plus one. A quote left open runs to the end of what is read.
    /// </summary>
    public static int FieldCount(string path, string delimiter, string quote)
    {
        using var file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
        var buffer = new byte[PeekBytes];
        var head = buffer.AsSpan(0, stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false));
        if (head.StartsWith("\xEF\xBB\xBF"u8))
        {
            head = head[3..];
        }

        var separator = Encoding.UTF8.GetBytes(delimiter);
        var quoteBytes = Encoding.UTF8.GetBytes(quote);
        var (fields, quoted) = (1, false);
        for (var i = 0; i < head.Length; i++)
        {
            if (quoteBytes.Length > 0 && head[i..].StartsWith(quoteBytes))
            {
                quoted = !quoted;
                i += quoteBytes.Length - 1;
            }
            else if (!quoted && head[i] is (byte)'\n' or (byte)'\r')
            {
                break;
            }
            else if (!quoted && separator.Length > 0 && head[i..].StartsWith(separator))
            {
                fields++;
                i += separator.Length - 1;
            }
        }

        return fields;
    }
}
