using System.Numerics;

namespace Pipeline.DuckDb.Tests.Binding;

public sealed class ParameterBinderTests : IDisposable
{
    private readonly DuckDbDatabase _database = DuckDbDatabase.Open();
    private readonly DuckDbConnection _connection;

    public ParameterBinderTests()
    {
        _connection = _database.Connect();
    }

    public static TheoryData<object, string, string> RoundTrips => new()
    {
        { true, "BOOLEAN", "true" },
        { (sbyte)-128, "TINYINT", "-128" },
        { (short)-32768, "SMALLINT", "-32768" },
        { int.MinValue, "INTEGER", "-2147483648" },
        { long.MaxValue, "BIGINT", "9223372036854775807" },
        { (byte)255, "UTINYINT", "255" },
        { ushort.MaxValue, "USMALLINT", "65535" },
        { uint.MaxValue, "UINTEGER", "4294967295" },
        { ulong.MaxValue, "UBIGINT", "18446744073709551615" },
        { Int128.MinValue, "HUGEINT", "-170141183460469231731687303715884105728" },
        { UInt128.MaxValue, "UHUGEINT", "340282366920938463463374607431768211455" },
        { 12345.6789m, "DECIMAL(18,4)", "12345.6789" },
        { -0.0001m, "DECIMAL(10,4)", "-0.0001" },
        { 79228162514264337593543950335m, "DECIMAL(38,0)", "79228162514264337593543950335" },
        { 1.5f, "FLOAT", "1.5" },
        { Math.PI, "DOUBLE", "3.141592653589793" },
        { "plain", "VARCHAR", "'plain'" },
        { "Grüße, 世界 😀 — longer than twelve bytes", "VARCHAR", "'Grüße, 世界 😀 — longer than twelve bytes'" },
        { "", "VARCHAR", "''" },
        { new byte[] { 0, 1, 127, 255 }, "BLOB", "'\\x00\\x01\\x7F\\xFF'::BLOB" },
        { new DateOnly(2024, 2, 29), "DATE", "DATE '2024-02-29'" },
        { new DateOnly(1, 1, 1), "DATE", "DATE '0001-01-01'" },
        { new TimeOnly(13, 45, 30, 123, 456), "TIME", "TIME '13:45:30.123456'" },
        { new DateTime(2024, 1, 2, 3, 4, 5, 678, 901, DateTimeKind.Unspecified), "TIMESTAMP", "TIMESTAMP '2024-01-02 03:04:05.678901'" },
        { new DateTime(1969, 12, 31, 23, 59, 59, 999, DateTimeKind.Unspecified), "TIMESTAMP", "TIMESTAMP '1969-12-31 23:59:59.999'" },
        { new DateTimeOffset(2024, 1, 2, 8, 4, 5, TimeSpan.FromHours(5)), "TIMESTAMPTZ", "'2024-01-02 03:04:05+00'::TIMESTAMPTZ" },
        { Guid.Parse("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"), "UUID", "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::UUID" },
        { Guid.Parse("00000000-0000-0000-0000-000000000001"), "UUID", "'00000000-0000-0000-0000-000000000001'::UUID" },
        { new DuckDbInterval(14, 3, 5_000_001), "INTERVAL", "INTERVAL '1 year 2 months 3 days 5.000001 seconds'" },
    };

    public void Dispose()
    {
        _connection.Dispose();
        _database.Dispose();
    }

    [Theory]
    [MemberData(nameof(RoundTrips))]
    public void Bind_Value_RoundTripsAndEqualsDuckDbLiteral(object value, string sqlType, string literal)
    {
        using var reader = _connection.Query($"SELECT $1::{sqlType}, $1::{sqlType} = {literal}", value);
        Assert.True(reader.Read());

        Assert.Equal(value, reader.GetValue(0));
        Assert.True(reader.GetBoolean(1));
    }

    [Fact]
    public void Bind_Null_IsSqlNull()
    {
        Assert.True(_connection.Scalar<bool>("SELECT $1::INTEGER IS NULL", [null]));
        Assert.True(_connection.Scalar<bool>("SELECT $1::VARCHAR IS NULL", DBNull.Value));
    }

    [Fact]
    public void Bind_UtcDateTime_IsStoredAsItsWallClock()
    {
        var utc = new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc);

        var read = _connection.Scalar<DateTime>("SELECT $1::TIMESTAMP", utc);

        Assert.Equal(utc.Ticks, read.Ticks);
        Assert.Equal(DateTimeKind.Unspecified, read.Kind);
    }

    [Fact]
    public void Bind_DateTimeOffset_ReadsBackAsUtcInstant()
    {
        var local = new DateTimeOffset(2024, 1, 2, 8, 4, 5, TimeSpan.FromHours(5));

        var read = _connection.Scalar<DateTimeOffset>("SELECT $1", local);

        Assert.Equal(local, read);
        Assert.Equal(TimeSpan.Zero, read.Offset);
    }

    [Fact]
    public void Bind_BigInteger_BindsAsHugeInt()
    {
        var value = BigInteger.Parse("-123456789012345678901234567890", System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal("-123456789012345678901234567890", _connection.Scalar<string>("SELECT $1::VARCHAR", value));
        Assert.Equal((Int128)value, _connection.Scalar<Int128>("SELECT $1", value));
        Assert.Throws<ArgumentOutOfRangeException>(() => _connection.Scalar<string>("SELECT $1::VARCHAR", BigInteger.Pow(2, 130)));
    }

    [Fact]
    public void Bind_TimeSpan_BecomesIntervalOfMicroseconds()
    {
        var span = new TimeSpan(1, 2, 3, 4, 5, 6);

        using var reader = _connection.Query("SELECT $1, $1 = INTERVAL '1 day 2 hours 3 minutes 4.005006 seconds'", span);
        Assert.True(reader.Read());

        Assert.Equal(new DuckDbInterval(0, 0, span.Ticks / 10), reader.GetValue(0));
        Assert.Equal(span, reader.GetFieldValue<TimeSpan>(0));
        Assert.True(reader.GetBoolean(1));
    }

    [Fact]
    public void Bind_Memory_BindsAsBlob()
    {
        var bytes = new byte[] { 9, 8, 7, 6, 5 };

        Assert.Equal(bytes[1..4], _connection.Scalar<byte[]>("SELECT $1", new ReadOnlyMemory<byte>(bytes, 1, 3)));
        Assert.Equal(bytes, _connection.Scalar<byte[]>("SELECT $1", bytes.AsMemory()));
        Assert.Empty(_connection.Scalar<byte[]>("SELECT $1", Array.Empty<byte>())!);
    }

    [Fact]
    public void Bind_StringWithNul_KeepsEveryCharacter()
    {
        Assert.Equal(3L, _connection.Scalar<long>("SELECT length($1)", "a\0b"));
        Assert.Equal("a\0b", _connection.Scalar<string>("SELECT $1", "a\0b"));
    }

    [Fact]
    public void Bind_LongString_SurvivesPooledBuffer()
    {
        var text = string.Concat(Enumerable.Repeat("ünïcødé-", 5000));

        Assert.Equal(text, _connection.Scalar<string>("SELECT $1", text));
    }
}
