namespace Pipeline.DuckDb.Reading;

/// <summary>Reads one value of a vector as its .NET representation (see <see cref="DuckDbDataReader.GetValue"/>).</summary>
internal static unsafe class ValueReader
{
    public static object? Read(VectorView vector, long row)
    {
        if (!vector.IsValid(row))
        {
            return null;
        }

        var type = vector.Type;
        return type.Id switch
        {
            DuckDbType.Boolean => vector.Get<byte>(row) != 0,
            DuckDbType.TinyInt => vector.Get<sbyte>(row),
            DuckDbType.SmallInt => vector.Get<short>(row),
            DuckDbType.Integer => vector.Get<int>(row),
            DuckDbType.BigInt => vector.Get<long>(row),
            DuckDbType.UTinyInt => vector.Get<byte>(row),
            DuckDbType.USmallInt => vector.Get<ushort>(row),
            DuckDbType.UInteger => vector.Get<uint>(row),
            DuckDbType.UBigInt => vector.Get<ulong>(row),
            DuckDbType.HugeInt => vector.Get<Int128>(row),
            DuckDbType.UHugeInt => vector.Get<UInt128>(row),
            DuckDbType.Float => vector.Get<float>(row),
            DuckDbType.Double => vector.Get<double>(row),
            DuckDbType.Decimal => NumericConverter.Decimal(ReadUnscaled(vector, row), type.Scale),
            DuckDbType.Varchar => StringDecoder.String(vector.Data, row),
            DuckDbType.Blob => StringDecoder.Bytes(vector.Data, row).ToArray(),
            DuckDbType.Bit => NumericConverter.Bits(StringDecoder.Bytes(vector.Data, row)),
            DuckDbType.BigNum => NumericConverter.BigNum(StringDecoder.Bytes(vector.Data, row)),
            DuckDbType.Uuid => NumericConverter.Uuid(vector.Get<ulong>(row * 2), vector.Get<long>((row * 2) + 1)),
            DuckDbType.Date => TemporalConverter.Date(vector.Get<int>(row)),
            DuckDbType.Time => TemporalConverter.Time(vector.Get<long>(row) * TimeSpan.TicksPerMicrosecond),
            DuckDbType.TimeNs => TemporalConverter.Time(TemporalConverter.FloorDiv(vector.Get<long>(row), 100)),
            DuckDbType.TimeTz => TemporalConverter.TimeTz(vector.Get<ulong>(row)),
            DuckDbType.Timestamp => TemporalConverter.Timestamp(vector.Get<long>(row), TimeSpan.TicksPerMicrosecond, utc: false),
            DuckDbType.TimestampS => TemporalConverter.Timestamp(vector.Get<long>(row), TimeSpan.TicksPerSecond, utc: false),
            DuckDbType.TimestampMs => TemporalConverter.Timestamp(vector.Get<long>(row), TimeSpan.TicksPerMillisecond, utc: false),
            DuckDbType.TimestampNs => TemporalConverter.Timestamp(vector.Get<long>(row), 0, utc: false),
            DuckDbType.TimestampTz => TemporalConverter.Timestamp(vector.Get<long>(row), TimeSpan.TicksPerMicrosecond, utc: true),
            DuckDbType.Interval => ReadInterval(vector, row),
            DuckDbType.Enum => type.EnumValues[(int)ReadUnsigned(vector, type.InternalType, row)],
            DuckDbType.List or DuckDbType.Array or DuckDbType.Map or DuckDbType.Struct or DuckDbType.Union =>
                NestedReader.Read(vector, row),
            _ => $"<{type.SqlName}>",
        };
    }

    public static Int128 ReadUnscaled(VectorView vector, long row) => vector.Type.InternalType switch
    {
        DuckDbType.SmallInt => vector.Get<short>(row),
        DuckDbType.Integer => vector.Get<int>(row),
        DuckDbType.BigInt => vector.Get<long>(row),
        _ => vector.Get<Int128>(row),
    };

    private static ulong ReadUnsigned(VectorView vector, DuckDbType storage, long row) => storage switch
    {
        DuckDbType.UTinyInt => vector.Get<byte>(row),
        DuckDbType.USmallInt => vector.Get<ushort>(row),
        _ => vector.Get<uint>(row),
    };

    private static DuckDbInterval ReadInterval(VectorView vector, long row)
    {
        var interval = vector.Get<Native.NativeInterval>(row);
        return new DuckDbInterval(interval.Months, interval.Days, interval.Micros);
    }
}
