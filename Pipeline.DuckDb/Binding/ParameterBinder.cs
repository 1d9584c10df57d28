using System.Numerics;
using Pipeline.DuckDb.Native;

namespace Pipeline.DuckDb.Binding;

/// <summary>Binds one .NET value to a prepared statement parameter with the matching typed duckdb_bind_* call.</summary>
internal static class ParameterBinder
{
    public static void Bind(PreparedStatementHandle statement, int index, object? value)
    {
        var position = (ulong)index;
        var state = value switch
        {
            null or DBNull => NativeMethods.duckdb_bind_null(statement, position),
            bool v => NativeMethods.duckdb_bind_boolean(statement, position, v ? (byte)1 : (byte)0),
            sbyte v => NativeMethods.duckdb_bind_int8(statement, position, v),
            short v => NativeMethods.duckdb_bind_int16(statement, position, v),
            int v => NativeMethods.duckdb_bind_int32(statement, position, v),
            long v => NativeMethods.duckdb_bind_int64(statement, position, v),
            byte v => NativeMethods.duckdb_bind_uint8(statement, position, v),
            ushort v => NativeMethods.duckdb_bind_uint16(statement, position, v),
            uint v => NativeMethods.duckdb_bind_uint32(statement, position, v),
            ulong v => NativeMethods.duckdb_bind_uint64(statement, position, v),
            Int128 v => NativeMethods.duckdb_bind_hugeint(statement, position, NativeHugeInt.From(v)),
            UInt128 v => NativeMethods.duckdb_bind_uhugeint(statement, position, NativeUHugeInt.From(v)),
            BigInteger v => NativeMethods.duckdb_bind_hugeint(statement, position, NativeHugeInt.From(ToInt128(v, index))),
            decimal v => NativeMethods.duckdb_bind_decimal(statement, position, DecimalEncoder.Encode(v)),
            float v => NativeMethods.duckdb_bind_float(statement, position, v),
            double v => NativeMethods.duckdb_bind_double(statement, position, v),
            string v => BytesBinder.BindVarchar(statement, position, v),
            byte[] v => BytesBinder.BindBlob(statement, position, v),
            ReadOnlyMemory<byte> v => BytesBinder.BindBlob(statement, position, v.Span),
            Memory<byte> v => BytesBinder.BindBlob(statement, position, v.Span),
            DateOnly v => NativeMethods.duckdb_bind_date(statement, position, TemporalEncoder.Days(v)),
            TimeOnly v => NativeMethods.duckdb_bind_time(statement, position, v.Ticks / TimeSpan.TicksPerMicrosecond),
            DateTime v => NativeMethods.duckdb_bind_timestamp(statement, position, TemporalEncoder.Micros(v, index)),
            DateTimeOffset v => NativeMethods.duckdb_bind_timestamp_tz(statement, position, TemporalEncoder.Micros(v.UtcDateTime, index)),
            TimeSpan v => BindInterval(statement, position, DuckDbInterval.FromTimeSpan(v)),
            DuckDbInterval v => BindInterval(statement, position, v),
            Guid v => BindUuid(statement, position, v),
            _ => throw new ArgumentException(
                $"Parameter {index} has .NET type {value.GetType().FullName}, which cannot be bound to DuckDB.", nameof(value)),
        };

        if (state != DuckDbState.Success)
        {
            var message = NativeMethods.ReadBorrowed(NativeMethods.duckdb_prepare_error(statement))
                ?? $"DuckDB could not bind parameter {index}.";
            throw DuckDbException.FromMessage(message);
        }
    }

    private static Int128 ToInt128(BigInteger value, int index) =>
        value >= Int128.MinValue && value <= Int128.MaxValue
            ? (Int128)value
            : throw new ArgumentOutOfRangeException(nameof(value), $"Parameter {index}: the BigInteger does not fit a HUGEINT.");

    private static DuckDbState BindInterval(PreparedStatementHandle statement, ulong position, DuckDbInterval value) =>
        NativeMethods.duckdb_bind_interval(statement, position, new NativeInterval(value.Months, value.Days, value.Micros));

    private static DuckDbState BindUuid(PreparedStatementHandle statement, ulong position, Guid value)
    {
        Span<byte> bytes = stackalloc byte[16];
        value.TryWriteBytes(bytes, bigEndian: true, out _);
        var number = new NativeUHugeInt(
            System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]),
            System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes));
        using var uuid = NativeMethods.duckdb_create_uuid(number);
        return NativeMethods.duckdb_bind_value(statement, position, uuid);
    }
}
