using System.Text;

namespace Pipeline.DuckDb.Reading;

/// <summary>
/// Reads duckdb_string_t (16 bytes): a uint32 length, then up to 12 inlined bytes, or for longer strings a
/// 4-byte prefix and a pointer to the full bytes.
/// </summary>
internal static unsafe class StringDecoder
{
    private const int InlineLength = 12;

    public static ReadOnlySpan<byte> Bytes(byte* data, long row)
    {
        var entry = data + (row * 16);
        var length = *(uint*)entry;
        var bytes = length <= InlineLength ? entry + 4 : *(byte**)(entry + 8);
        return new ReadOnlySpan<byte>(bytes, checked((int)length));
    }

    public static string String(byte* data, long row) => Encoding.UTF8.GetString(Bytes(data, row));
}
