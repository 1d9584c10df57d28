using System.Numerics;

namespace Pipeline.DuckDb.Tests.Reading;

public sealed class FieldConverterTests : InMemoryDatabase
{
    [Fact]
    public void TypedGetters_NarrowerNumericColumns_ConvertLosslessly()
    {
        using var reader = Connection.Query("SELECT 42::TINYINT, 7::UINTEGER, 12.50::DECIMAL(6,2), 1.25::FLOAT, 100::HUGEINT");
        Assert.True(reader.Read());

        Assert.Equal(42L, reader.GetInt64(0));
        Assert.Equal(7, reader.GetInt32(1));
        Assert.Equal(12.5m, reader.GetDecimal(2));
        Assert.Equal(12.5, reader.GetDouble(2));
        Assert.Equal(1.25, reader.GetDouble(3));
        Assert.Equal(100L, reader.GetInt64(4));
        Assert.Equal(42m, reader.GetDecimal(0));
        Assert.Equal(new BigInteger(100), reader.GetFieldValue<BigInteger>(4));
    }

    [Fact]
    public void GetInt32_ValueDoesNotFit_ThrowsOverflow()
    {
        using var reader = Connection.Query("SELECT 3000000000::BIGINT, (-1)::INTEGER, 1.5::DECIMAL(3,1)");
        Assert.True(reader.Read());

        Assert.Throws<OverflowException>(() => reader.GetInt32(0));
        Assert.Throws<OverflowException>(() => reader.GetFieldValue<uint>(1));
        Assert.Throws<InvalidCastException>(() => reader.GetInt64(2));
    }

    [Fact]
    public void GetFieldValue_Null_ReturnsNullForNullableAndThrowsOtherwise()
    {
        using var reader = Connection.Query("SELECT NULL::INTEGER, NULL::VARCHAR");
        Assert.True(reader.Read());

        Assert.Null(reader.GetFieldValue<int?>(0));
        Assert.Null(reader.GetFieldValue<string?>(1));
        Assert.Throws<InvalidCastException>(() => reader.GetInt32(0));
        Assert.Throws<InvalidCastException>(() => reader.GetInt64(0));
        Assert.Throws<InvalidCastException>(() => reader.GetString(1));
    }

    [Fact]
    public void GetFieldValue_TemporalWidening_Works()
    {
        using var reader = Connection.Query(
            "SELECT DATE '2024-03-04', INTERVAL '36 hours', '2024-01-02 03:04:05+00'::TIMESTAMPTZ, INTERVAL 1 MONTH");
        Assert.True(reader.Read());

        Assert.Equal(new DateTime(2024, 3, 4), reader.GetFieldValue<DateTime>(0));
        Assert.Equal(TimeSpan.FromHours(36), reader.GetFieldValue<TimeSpan>(1));
        Assert.Equal(new DateTime(2024, 1, 2, 3, 4, 5), reader.GetFieldValue<DateTime>(2));
        Assert.Throws<InvalidCastException>(() => reader.GetFieldValue<TimeSpan>(3));
    }

    [Fact]
    public void GetString_NonTextColumn_ThrowsInvalidCast()
    {
        using var reader = Connection.Query("SELECT 1");
        Assert.True(reader.Read());

        Assert.Throws<InvalidCastException>(() => reader.GetString(0));
    }
}
