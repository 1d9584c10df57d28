using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;

namespace Pipeline.Spark.Engine;

/// <summary>
/// Tells a complete gzip file from one cut short. Neither DuckDB's reader nor .NET's GZipStream reports a file
/// that ends in the middle of its compressed data: both return the rows up to the cut, and the rest of the file
/// would be lost without a word. A gzip member ends with the length of its data (mod 2^32), so a complete file
/// decompresses to exactly the length its last 4 bytes state. A file of several members (<c>cat a.gz b.gz</c>)
/// states only its last member's length: that member is found by trying the gzip headers nearest the end.
/// </summary>
internal static class GzipCheck
{
    const int BufferBytes = 1 << 16;

    // A gzip header: magic 1F 8B, then method 8 (deflate).
    static ReadOnlySpan<byte> Magic => [0x1F, 0x8B, 0x08];

    // Member starts tried for a multi-member file, nearest the end first: random compressed data holds the magic
    // about once in 16 MB, so a complete file's last member is found within a handful.
    const int MaxMemberStarts = 64;

    /// <summary>Why the gzip file at <paramref name="path"/> is incomplete, or null when it is complete (or not gzip).</summary>
    public static string? Problem(string path, CancellationToken cancellationToken)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferBytes);
        if (file.Length < 18 || !StartsWithMagic(file))
        {
            // Too short for a header and a trailer, or not gzip at all: the readers and ContentCheck say so.
            return null;
        }

        var stated = StatedLength(file);
        long total;
        try
        {
            total = DecompressedLength(file, 0, cancellationToken);
        }
        catch (InvalidDataException e)
        {
            return $"the gzip data is corrupt ({e.Message})";
        }

        if ((uint)total == stated || LastMemberComplete(file, stated, cancellationToken))
        {
            return null;
        }

        return $"the gzip data is cut short: it ends before its end-of-data marker ({total:N0} bytes decompress, " +
            "then the file stops); the file was truncated, upload it again";
    }

    static bool StartsWithMagic(FileStream file)
    {
        Span<byte> head = stackalloc byte[3];
        file.Position = 0;
        return file.ReadAtLeast(head, 3, throwOnEndOfStream: false) == 3 && head.SequenceEqual(Magic);
    }

    static uint StatedLength(FileStream file)
    {
        Span<byte> tail = stackalloc byte[4];
        file.Seek(-4, SeekOrigin.End);
        file.ReadExactly(tail);
        return BinaryPrimitives.ReadUInt32LittleEndian(tail);
    }

    static long DecompressedLength(FileStream file, long start, CancellationToken cancellationToken)
    {
        file.Position = start;
        using var gzip = new GZipStream(file, CompressionMode.Decompress, leaveOpen: true);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
        try
        {
            long total = 0;
            int read;
            while ((read = gzip.Read(buffer, 0, BufferBytes)) > 0)
            {
                total += read;
                cancellationToken.ThrowIfCancellationRequested();
            }

            return total;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // Tries the gzip headers nearest the end as the start of the last member; a complete multi-member file has one
    // whose data decompresses to the length the file's trailer states.
    static bool LastMemberComplete(FileStream file, uint stated, CancellationToken cancellationToken)
    {
        foreach (var start in MemberStartsFromEnd(file).Take(MaxMemberStarts))
        {
            try
            {
                if ((uint)DecompressedLength(file, start, cancellationToken) == stated)
                {
                    return true;
                }
            }
            catch (InvalidDataException)
            {
                // Not a member start: the magic bytes were part of compressed data.
            }
        }

        return false;
    }

    static IEnumerable<long> MemberStartsFromEnd(FileStream file)
    {
        var buffer = new byte[BufferBytes + 2];
        var end = file.Length;
        while (end > 1)
        {
            // Each window overlaps the next by two bytes, so a magic across a boundary is found too.
            var start = Math.Max(1, end - BufferBytes);
            file.Position = start;
            var window = (int)(Math.Min(end + 2, file.Length) - start);
            var length = file.ReadAtLeast(buffer.AsSpan(0, window), window, throwOnEndOfStream: false);
            // The window stays in the buffer while the caller reads the file from a candidate.
            for (var i = length - Magic.Length; i >= 0; i--)
            {
                if (start + i < end && buffer.AsSpan(i).StartsWith(Magic))
                {
                    yield return start + i;
                }
            }

            end = start;
        }
    }
}
