using System.Buffers;
using Pipeline.Spark.Planning;

namespace Pipeline.Spark.Engine;

/// <summary>
/// Finds JSON nested deeper than the engine takes before DuckDB sees it. DuckDB 1.5.6 walks the records it
/// samples for types recursively and overflows its stack (killing the process) somewhere past 10,000 levels;
/// the records after the sample it reads along the inferred types, at most
/// <see cref="Sql.DuckDbReads.MaxJsonTypeDepth"/> levels, keeping deeper values whole as text. So only the
/// sampled records are scanned: one pass over their bytes, tracking strings so brackets inside them do not count.
/// </summary>
internal static class JsonNesting
{
    /// <summary>Deepest nesting a sampled record may have; Spark's JSON reader (Jackson) stops at the same depth.</summary>
    public const int MaxDepth = 1000;

    // DuckDB samples 20,480 records (its sample_size) from the start of a file; twice that leaves a margin.
    const int ScannedRecords = 2 * 20_480;

    /// <summary>The offset at which <paramref name="path"/> first nests deeper than <see cref="MaxDepth"/> in its sampled records, or null.</summary>
    public static long? TooDeepAt(string path, SourceFormat format)
    {
        using var stream = InputFiles.Open(path, bufferSize: 1);
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            return TooDeepAt(stream, buffer, recordLevel: format == SourceFormat.JsonArray ? 1 : 0);
        }
        catch (InvalidDataException)
        {
            // Not really gzip: the reader reports that.
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // A plain loop: JSON is dense in quotes and brackets, so searching for the next one costs more than it skips.
    static long? TooDeepAt(Stream stream, byte[] buffer, int recordLevel)
    {
        var (depth, records, inString, escaped, offset) = (0, 0, false, false, 0L);
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                var b = buffer[i];
                if (inString)
                {
                    if (escaped)
                    {
                        escaped = false;
                    }
                    else
                    {
                        escaped = b == '\\';
                        inString = b != '"';
                    }

                    continue;
                }

                switch (b)
                {
                    case (byte)'"':
                        inString = true;
                        break;
                    case (byte)'{' or (byte)'[':
                        if (++depth > MaxDepth)
                        {
                            return offset + i;
                        }

                        break;
                    case (byte)'}' or (byte)']':
                        depth = Math.Max(0, depth - 1);
                        if (depth == recordLevel && ++records >= ScannedRecords)
                        {
                            return null;
                        }

                        break;
                }
            }

            offset += read;
        }

        return null;
    }
}
