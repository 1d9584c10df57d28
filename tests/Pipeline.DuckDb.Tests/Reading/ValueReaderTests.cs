using System.Numerics;

namespace Pipeline.DuckDb.Tests.Reading;

public sealed class ValueReaderTests : InMemoryDatabase
{
    public static TheoryData<string, object> Literals => new()
    {
        { "SELECT true", true },
        { "SELECT (-128)::TINYINT", (sbyte)-128 },
        { "SELECT (-32768)::SMALLINT", (short)-32768 },
        { "SELECT 2147483647::INTEGER", int.MaxValue },
        { "SELECT (-9223372036854775808)::BIGINT", long.MinValue },
        { "SELECT 255::UTINYINT", (byte)255 },
        { "SELECT 65535::USMALLINT", ushort.MaxValue },
        { "SELECT 4294967295::UINTEGER", uint.MaxValue },
        { "SELECT 18446744073709551615::UBIGINT", ulong.MaxValue },
        { "SELECT (-170141183460469231731687303715884105728)::HUGEINT", Int128.MinValue },
        { "SELECT 170141183460469231731687303715884105727::HUGEINT", Int128.MaxValue },
        { "SELECT 340282366920938463463374607431768211455::UHUGEINT", UInt128.MaxValue },
        { "SELECT 0.1::FLOAT", 0.1f },
        { "SELECT 1e308::DOUBLE", 1e308 },
        { "SELECT 'nan'::DOUBLE", double.NaN },
        { "SELECT 'x'::ENUM('a', 'x')", "x" },
        { "SELECT 'y'::VARCHAR", "y" },
        { "SELECT '\\xDE\\xAD'::BLOB", new byte[] { 0xDE, 0xAD } },
        { "SELECT INTERVAL '1 month 2 days 3.5 seconds'", new DuckDbInterval(1, 2, 3_500_000) },
        { "SELECT '10101'::BIT", "10101" },
        { "SELECT '1'::BIT", "1" },
        { "SELECT '111100001'::BIT", "111100001" },
        { "SELECT '-98765432109876543210987654321098765432109876543210'::BIGNUM", "-98765432109876543210987654321098765432109876543210" },
        { "SELECT 255::BIGNUM", "255" },
        { "SELECT (-1)::BIGNUM", "-1" },
        { "SELECT 0::BIGNUM", "0" },
        { "SELECT union_value(str := 'member')::UNION(num INTEGER, str VARCHAR)", "member" },
        { "SELECT union_value(num := 7)::UNION(num INTEGER, str VARCHAR)", 7 },
    };

    [Theory]
    [MemberData(nameof(Literals))]
    public void GetValue_Literal_MapsToDocumentedDotNetValue(string sql, object expected)
    {
        var value = Single(sql);

        Assert.Equal(expected, value);
        Assert.IsType(expected.GetType(), value);
    }

    [Theory]
    [InlineData("BOOLEAN")]
    [InlineData("TINYINT")]
    [InlineData("HUGEINT")]
    [InlineData("UHUGEINT")]
    [InlineData("DECIMAL(38,10)")]
    [InlineData("VARCHAR")]
    [InlineData("BLOB")]
    [InlineData("DATE")]
    [InlineData("TIMESTAMPTZ")]
    [InlineData("TIMETZ")]
    [InlineData("INTERVAL")]
    [InlineData("UUID")]
    [InlineData("ENUM('a')")]
    [InlineData("INTEGER[]")]
    [InlineData("INTEGER[2]")]
    [InlineData("STRUCT(a INTEGER)")]
    [InlineData("MAP(VARCHAR, INTEGER)")]
    [InlineData("UNION(a INTEGER)")]
    [InlineData("BIT")]
    [InlineData("BIGNUM")]
    public void GetValue_NullOfEveryType_IsNull(string sqlType)
    {
        using var reader = Connection.Query($"SELECT NULL::{sqlType}");
        Assert.True(reader.Read());

        Assert.True(reader.IsDBNull(0));
        Assert.Null(reader.GetValue(0));
    }

    [Fact]
    public void GetValue_EnumWithMoreThan256Values_UsesWiderStorage()
    {
        Connection.Execute("CREATE TYPE big_enum AS ENUM (SELECT 'v' || i FROM range(300) t(i))");

        using var reader = Connection.Query("SELECT 'v0'::big_enum, 'v299'::big_enum, typeof('v0'::big_enum)");
        Assert.True(reader.Read());

        Assert.Equal(["v0", "v299"], reader.GetValues()[..2]);
        Assert.Equal(reader.GetString(2), reader.GetTypeName(0));
    }

    [Fact]
    public void GetValue_HugeIntAcrossChunks_KeepsEveryValue()
    {
        using var reader = Connection.Query("SELECT i::HUGEINT * 1000000000000000000000 FROM range(5000) t(i) ORDER BY i");
        var expected = BigInteger.Zero;

        while (reader.Read())
        {
            Assert.Equal(expected * BigInteger.Pow(10, 21), (BigInteger)(Int128)reader.GetValue(0)!);
            expected++;
        }

        Assert.Equal(5000, (int)expected);
    }
}
