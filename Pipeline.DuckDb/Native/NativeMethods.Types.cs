using System.Runtime.InteropServices;

namespace Pipeline.DuckDb.Native;

internal static partial class NativeMethods
{
    [LibraryImport(Library)]
    internal static partial DuckDbType duckdb_get_type_id(LogicalTypeHandle type);

    [LibraryImport(Library)]
    internal static partial nint duckdb_logical_type_get_alias(LogicalTypeHandle type);

    [LibraryImport(Library)]
    internal static partial byte duckdb_decimal_width(LogicalTypeHandle type);

    [LibraryImport(Library)]
    internal static partial byte duckdb_decimal_scale(LogicalTypeHandle type);

    [LibraryImport(Library)]
    internal static partial DuckDbType duckdb_decimal_internal_type(LogicalTypeHandle type);

    [LibraryImport(Library)]
    internal static partial DuckDbType duckdb_enum_internal_type(LogicalTypeHandle type);

    [LibraryImport(Library)]
    internal static partial uint duckdb_enum_dictionary_size(LogicalTypeHandle type);

    [LibraryImport(Library)]
    internal static partial nint duckdb_enum_dictionary_value(LogicalTypeHandle type, ulong index);

    [LibraryImport(Library)]
    internal static partial LogicalTypeHandle duckdb_list_type_child_type(LogicalTypeHandle type);

    [LibraryImport(Library)]
    internal static partial LogicalTypeHandle duckdb_array_type_child_type(LogicalTypeHandle type);

    [LibraryImport(Library)]
    internal static partial ulong duckdb_array_type_array_size(LogicalTypeHandle type);

    [LibraryImport(Library)]
    internal static partial LogicalTypeHandle duckdb_map_type_key_type(LogicalTypeHandle type);

    [LibraryImport(Library)]
    internal static partial LogicalTypeHandle duckdb_map_type_value_type(LogicalTypeHandle type);

    [LibraryImport(Library)]
    internal static partial ulong duckdb_struct_type_child_count(LogicalTypeHandle type);

    [LibraryImport(Library)]
    internal static partial nint duckdb_struct_type_child_name(LogicalTypeHandle type, ulong index);

    [LibraryImport(Library)]
    internal static partial LogicalTypeHandle duckdb_struct_type_child_type(LogicalTypeHandle type, ulong index);

    [LibraryImport(Library)]
    internal static partial ulong duckdb_union_type_member_count(LogicalTypeHandle type);

    [LibraryImport(Library)]
    internal static partial nint duckdb_union_type_member_name(LogicalTypeHandle type, ulong index);

    [LibraryImport(Library)]
    internal static partial LogicalTypeHandle duckdb_union_type_member_type(LogicalTypeHandle type, ulong index);

    [LibraryImport(Library)]
    internal static partial void duckdb_destroy_logical_type(ref nint type);

    [LibraryImport(Library)]
    internal static partial void duckdb_destroy_data_chunk(ref nint chunk);

    [LibraryImport(Library)]
    internal static partial ulong duckdb_data_chunk_get_size(DataChunkHandle chunk);

    [LibraryImport(Library)]
    internal static partial nint duckdb_data_chunk_get_vector(DataChunkHandle chunk, ulong column);

    // Vectors are owned by their chunk: raw pointers, valid while the chunk handle is alive.
    [LibraryImport(Library)]
    internal static partial nint duckdb_vector_get_data(nint vector);

    [LibraryImport(Library)]
    internal static partial nint duckdb_vector_get_validity(nint vector);

    [LibraryImport(Library)]
    internal static partial nint duckdb_list_vector_get_child(nint vector);

    [LibraryImport(Library)]
    internal static partial ulong duckdb_list_vector_get_size(nint vector);

    [LibraryImport(Library)]
    internal static partial nint duckdb_array_vector_get_child(nint vector);

    [LibraryImport(Library)]
    internal static partial nint duckdb_struct_vector_get_child(nint vector, ulong index);
}
