namespace Pipeline.DuckDb.Tests.Reading;

public sealed class TemporalConverterTests : InMemoryDatabase
{
    public static TheoryData<string, object> Literals => new()
    {
        { "SELECT DATE '2024-02-29'", new DateOnly(2024, 2, 29) },
        { "SELECT DATE '1900-01-01'", new DateOnly(1900, 1, 1) },
        { "SELECT 'infinity'::DATE", DateOnly.MaxValue },
        { "SELECT '-infinity'::DATE", DateOnly.MinValue },
        { "SELECT DATE '10000-01-01'", "10000-01-01" },
        { "SELECT DATE '0044-03-15 (BC)'", "0044-03-15 (BC)" },
        { "SELECT TIME '23:59:59.999999'", new TimeOnly(23, 59, 59, 999, 999) },
        { "SELECT TIME '24:00:00'", TimeOnly.MaxValue },
        { "SELECT '12:34:56.123456789'::TIME_NS", new TimeOnly(12, 34, 56, 123, 456).Add(TimeSpan.FromTicks(7)) },
        { "SELECT '12:34:56+05:30'::TIMETZ", new DuckDbTimeTz(new TimeOnly(12, 34, 56), new TimeSpan(5, 30, 0)) },
        { "SELECT '01:02:03.5-08'::TIMETZ", new DuckDbTimeTz(new TimeOnly(1, 2, 3, 500), TimeSpan.FromHours(-8)) },
        { "SELECT TIMESTAMP '2024-01-02 03:04:05.678901'", new DateTime(2024, 1, 2, 3, 4, 5, 678, 901) },
        { "SELECT TIMESTAMP '1960-06-07 08:09:10.5'", new DateTime(1960, 6, 7, 8, 9, 10, 500) },
        { "SELECT 'infinity'::TIMESTAMP", DateTime.MaxValue },
        { "SELECT '-infinity'::TIMESTAMP", DateTime.MinValue },
        { "SELECT TIMESTAMP '12000-05-06 01:02:03.5'", "12000-05-06 01:02:03.5" },
        { "SELECT TIMESTAMP '0044-03-15 (BC) 10:00:00'", "0044-03-15 (BC) 10:00:00" },
        { "SELECT '2024-01-02 03:04:05'::TIMESTAMP_S", new DateTime(2024, 1, 2, 3, 4, 5) },
        { "SELECT '2024-01-02 03:04:05.678'::TIMESTAMP_MS", new DateTime(2024, 1, 2, 3, 4, 5, 678) },
        { "SELECT '2024-01-02 03:04:05.123456789'::TIMESTAMP_NS", new DateTime(2024, 1, 2, 3, 4, 5, 123, 456).AddTicks(7) },
        { "SELECT '1969-12-31 23:59:59.999999999'::TIMESTAMP_NS", new DateTime(1969, 12, 31, 23, 59, 59, 999, 999).AddTicks(9) },
        { "SELECT 'infinity'::TIMESTAMP_S", DateTime.MaxValue },
        { "SELECT 'infinity'::TIMESTAMP_NS", DateTime.MaxValue },
        { "SELECT '2024-01-02 03:04:05.25+02'::TIMESTAMPTZ", new DateTimeOffset(2024, 1, 2, 1, 4, 5, 250, TimeSpan.Zero) },
        { "SELECT '-infinity'::TIMESTAMPTZ", DateTimeOffset.MinValue },
    };

    [Theory]
    [MemberData(nameof(Literals))]
    public void GetValue_TemporalLiteral_MapsToDotNetValue(string sql, object expected)
    {
        Connection.Execute("SET TimeZone = 'UTC'");

        var value = Single(sql);

        Assert.Equal(expected, value);
        Assert.IsType(expected.GetType(), value);
    }

    [Fact]
    public void GetValue_Timestamp_HasUnspecifiedKind()
    {
        var value = Assert.IsType<DateTime>(Single("SELECT TIMESTAMP '2024-01-02 03:04:05'"));

        Assert.Equal(DateTimeKind.Unspecified, value.Kind);
    }

    [Fact]
    public void GetValue_TimestampTzInOtherSessionZone_IsStillUtcInstant()
    {
        Connection.Execute("SET TimeZone = 'America/New_York'");

        var value = Assert.IsType<DateTimeOffset>(Single("SELECT '2024-07-01 12:00:00-04'::TIMESTAMPTZ"));

        Assert.Equal(new DateTimeOffset(2024, 7, 1, 16, 0, 0, TimeSpan.Zero), value);
        Assert.Equal(TimeSpan.Zero, value.Offset);
    }

    [Fact]
    public void ToString_TimeTz_FormatsLikeDuckDb()
    {
        using var reader = Connection.Query("SELECT '12:34:56+05:30'::TIMETZ, '12:34:56+05:30'::TIMETZ::VARCHAR");
        Assert.True(reader.Read());

        Assert.Equal(reader.GetString(1), reader.GetValue(0)!.ToString());
    }
}
