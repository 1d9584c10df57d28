using Pipeline.Core.Transform;

namespace Pipeline.Spark.Engine;

/// <summary>
/// Counts a CSV file's records as its dialect splits them (a line break inside quotes does not end one; blank and
/// comment lines are none), so that a rescue read can be checked to account for every record, and finds a quote
/// left open at the end of the file.
/// </summary>
internal static class CsvRecords
{
    /// <summary>The records, and the byte offset of the last one when a quote it opens is still open at the end.</summary>
    public sealed record Scan(long Records, long? OpenAt);

    public static Scan Count(string path, CsvDialect csv, CancellationToken cancellationToken)
    {
        using var stream = InputFiles.Open(path);
        var (quote, escape, comment) = (Byte(csv.Quote), Byte(csv.Escape), Byte(csv.Comment));
        var buffer = new byte[1 << 16];
        long records = 0, offset = 0, start = 0;
        var (quoted, escaped, empty, commented) = (false, false, true, false);
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var i = 0; i < read; i++, offset++)
            {
                var b = buffer[i];
                if (escaped)
                {
                    escaped = false;
                }
                else if (quoted && b == escape && escape != quote)
                {
                    escaped = true;
                }
                else if (b == quote && !commented)
                {
                    quoted = !quoted;
                    empty = false;
                }
                else if (!quoted && b == '\n')
                {
                    records += empty || commented ? 0 : 1;
                    (empty, commented, start) = (true, false, offset + 1);
                }
                else if (b != '\r')
                {
                    commented |= empty && b == comment;
                    empty = false;
                }
            }
        }

        records += empty || commented ? 0 : 1;
        return new Scan(records, quoted ? start : null);
    }

    // The dialect's single-byte characters; -1 (matching no byte) where there is none.
    static int Byte(string text) => text.Length == 1 && text[0] < 128 ? text[0] : -1;
}
