using System.Buffers;
using System.Text;
using Pipeline.DuckDb.Native;

namespace Pipeline.DuckDb.Binding;

/// <summary>Binds strings (as UTF-8 with an explicit length, so embedded NULs survive) and blobs.</summary>
internal static unsafe class BytesBinder
{
    private const int StackLimit = 512;

    public static DuckDbState BindVarchar(PreparedStatementHandle statement, ulong position, string value)
    {
        var maxBytes = Encoding.UTF8.GetMaxByteCount(value.Length);
        byte[]? rented = null;
        var buffer = maxBytes <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(maxBytes));
        try
        {
            var length = Encoding.UTF8.GetBytes(value, buffer);
            fixed (byte* utf8 = buffer)
            {
                return NativeMethods.duckdb_bind_varchar_length(statement, position, utf8, (ulong)length);
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    public static DuckDbState BindBlob(PreparedStatementHandle statement, ulong position, ReadOnlySpan<byte> value)
    {
        // A non-null pointer even for an empty blob: DuckDB reads it as the start of a zero-length buffer.
        byte empty = 0;
        fixed (byte* data = value)
        {
            return NativeMethods.duckdb_bind_blob(statement, position, value.IsEmpty ? &empty : data, (ulong)value.Length);
        }
    }
}
