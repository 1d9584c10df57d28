using Pipeline.DuckDb.Native;

namespace Pipeline.DuckDb.Reading;

/// <summary>
/// A duckdb_vector of the current chunk: its data and validity pointers plus lazily resolved child vectors
/// (list/array elements, struct fields, union members). Valid only while the chunk is alive.
/// </summary>
internal sealed unsafe class VectorView
{
    private readonly nint _vector;
    private VectorView? _element;
    private VectorView?[]? _children;

    public VectorView(nint vector, ColumnType type)
    {
        _vector = vector;
        Type = type;
        Data = (byte*)NativeMethods.duckdb_vector_get_data(vector);
        Validity = (ulong*)NativeMethods.duckdb_vector_get_validity(vector);
    }

    public ColumnType Type { get; }

    public byte* Data { get; }

    /// <summary>One bit per row, 1 = valid; null when every row is valid.</summary>
    public ulong* Validity { get; }

    /// <summary>The element vector of a LIST, MAP (STRUCT(key, value) entries) or ARRAY.</summary>
    public VectorView Element => _element ??= new VectorView(
        Type.Id == DuckDbType.Array
            ? NativeMethods.duckdb_array_vector_get_child(_vector)
            : NativeMethods.duckdb_list_vector_get_child(_vector),
        Type.Element!);

    public bool IsValid(long row) => Validity == null || (Validity[row >> 6] & (1UL << (int)(row & 63))) != 0;

    /// <summary>Field <paramref name="index"/> of a STRUCT; for a UNION index 0 is the tag and 1..n the members.</summary>
    public VectorView Child(int index, ColumnType type)
    {
        _children ??= new VectorView?[Type.Children.Count + 1];
        return _children[index] ??= new VectorView(NativeMethods.duckdb_struct_vector_get_child(_vector, (ulong)index), type);
    }

    public T Get<T>(long row)
        where T : unmanaged => ((T*)Data)[row];
}
