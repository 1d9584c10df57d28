using System.Runtime.InteropServices;

namespace Pipeline.DuckDb.Native;

internal static partial class NativeMethods
{
    [LibraryImport(Library)]
    internal static partial DuckDbState duckdb_bind_null(PreparedStatementHandle statement, ulong index);

    [LibraryImport(Library)]
    internal static partial DuckDbState duckdb_bind_boolean(PreparedStatementHandle statement, ulong index, byte value);

    [LibraryImport(Library)]
    internal static partial DuckDbState duckdb_bind_int8(PreparedStatementHandle statement, ulong index, sbyte value);

    [LibraryImport(Library)]
    internal static partial DuckDbState duckdb_bind_int16(PreparedStatementHandle statement, ulong index, short value);

    [LibraryImport(Library)]
    internal static partial DuckDbState duckdb_bind_int32(PreparedStatementHandle statement, ulong index, int value);

    [LibraryImport(Library)]
    internal static partial DuckDbState duckdb_bind_int64(PreparedStatementHandle statement, ulong index, long value);

    [LibraryImport(Library)]
    internal static partial DuckDbState duckdb_bind_uint8(PreparedStatementHandle statement, ulong index, byte value);

    [LibraryImport(Library)]
    internal static partial DuckDbState duckdb_bind_uint16(PreparedStatementHandle statement, ulong index, ushort value);

    [LibraryImport(Library)]
    internal static partial DuckDbState duckdb_bind_uint32(PreparedStatementHandle statement, ulong index, uint value);

    [LibraryImport(Library)]
    internal static partial DuckDbState duckdb_bind_uint64(PreparedStatementHandle statement, ulong index, ulong value);

    [LibraryImport(Library)]
    internal static partial DuckDbState duckdb_bind_hugeint(
        PreparedStatementHandle statement, ulong index, NativeHugeInt value);

    [LibraryImport(Library)]
    internal static partial DuckDbState duckdb_bind_uhugeint(
        PreparedStatementHandle statement, ulong index, NativeUHugeInt value);

    [LibraryImport(Library)]
    internal static partial DuckDbState duckdb_bind_decimal(
        PreparedStatementHandle statement, ulong index, NativeDecimal value);

    [LibraryImport(Library)]
    internal static partial DuckDbState duckdb_bind_float(PreparedStatementHandle statement, ulong index, float value);

    [LibraryImport(Library)]
    internal static partial DuckDbState duckdb_bind_double(PreparedStatementHandle statement, ulong index, double value);

    [LibraryImport(Library)]
    internal static partial DuckDbState duckdb_bind_date(PreparedStatementHandle statement, ulong index, int days);

    [LibraryImport(Library)]
    internal static partial DuckDbState duckdb_bind_time(PreparedStatementHandle statement, ulong index, long micros);

    [LibraryImport(Library)]
    internal static partial DuckDbState duckdb_bind_timestamp(
        PreparedStatementHandle statement, ulong index, long micros);

    [LibraryImport(Library)]
    internal static partial DuckDbState duckdb_bind_timestamp_tz(
        PreparedStatementHandle statement, ulong index, long micros);

    [LibraryImport(Library)]
    internal static partial DuckDbState duckdb_bind_interval(
        PreparedStatementHandle statement, ulong index, NativeInterval value);

    [LibraryImport(Library)]
    internal static unsafe partial DuckDbState duckdb_bind_varchar_length(
        PreparedStatementHandle statement, ulong index, byte* utf8, ulong length);

    [LibraryImport(Library)]
    internal static unsafe partial DuckDbState duckdb_bind_blob(
        PreparedStatementHandle statement, ulong index, byte* data, ulong length);

    [LibraryImport(Library)]
    internal static partial DuckDbState duckdb_bind_value(
        PreparedStatementHandle statement, ulong index, ValueHandle value);

    [LibraryImport(Library)]
    internal static partial ValueHandle duckdb_create_uuid(NativeUHugeInt value);

    [LibraryImport(Library)]
    internal static partial void duckdb_destroy_value(ref nint value);
}
