using System.IO.Compression;
using System.Text;

namespace Pipeline.Aws.DynamoDb;

/// <summary>
/// Grain state that does not fit one DynamoDB item (400 KB): above <see cref="InlineLimit"/> bytes the JSON
/// is gzipped and split into chunks of at most <see cref="ChunkSize"/> bytes, each its own item, so a
/// growing state never makes a write fail.
/// </summary>
public static class StateChunks
{
    /// <summary>Largest JSON (UTF-8 bytes) kept inline in the grain's item, leaving room for the other attributes.</summary>
    public const int InlineLimit = 350 * 1024;

    /// <summary>Largest chunk.</summary>
    public const int ChunkSize = 350 * 1024;

    /// <summary>True when the JSON must be chunked.</summary>
    public static bool NeedsChunks(string json) => Encoding.UTF8.GetByteCount(json) > InlineLimit;

    /// <summary>The gzipped JSON in chunks.</summary>
    public static IReadOnlyList<byte[]> Split(string json)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(json));
        }

        return buffer.ToArray().Chunk(ChunkSize).ToList();
    }

    /// <summary>The JSON back from its chunks, in order.</summary>
    public static string Join(IEnumerable<byte[]> chunks)
    {
        using var compressed = new MemoryStream(chunks.SelectMany(c => c).ToArray());
        using var gzip = new GZipStream(compressed, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
