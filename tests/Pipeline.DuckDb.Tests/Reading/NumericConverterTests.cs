namespace Pipeline.DuckDb.Tests.Reading;

public sealed class NumericConverterTests : InMemoryDatabase
{
    public static TheoryData<string, object> Decimals => new()
    {
        { "SELECT 1.5::DECIMAL(4,1)", 1.5m },
        { "SELECT (-12345.67)::DECIMAL(9,2)", -12345.67m },
        { "SELECT 123456789012.345678::DECIMAL(18,6)", 123456789012.345678m },
        { "SELECT 0.0000000001::DECIMAL(38,10)", 0.0000000001m },
        { "SELECT 7922816251426433759354395033.5::DECIMAL(38,1)", 7922816251426433759354395033.5m },
        { "SELECT 123456789012345678901234567.8901234567::DECIMAL(38,10)", "123456789012345678901234567.8901234567" },
        { "SELECT (-9999999999999999999999999999.9999999999)::DECIMAL(38,10)", "-9999999999999999999999999999.9999999999" },
        { "SELECT 99999999999999999999999999999999999999::DECIMAL(38,0)", "99999999999999999999999999999999999999" },
        { "SELECT 0.00000000000000000000000000001::DECIMAL(38,29)", "0.00000000000000000000000000001" },
    };

    [Theory]
    [MemberData(nameof(Decimals))]
    public void GetValue_Decimal_IsExactDecimalOrExactText(string sql, object expected)
    {
        var value = Single(sql);

        Assert.Equal(expected, value);
        Assert.IsType(expected.GetType(), value);
    }

    [Fact]
    public void GetDecimal_ValueBeyondSystemDecimal_ThrowsOverflow()
    {
        using var reader = Connection.Query("SELECT 99999999999999999999999999999999999999::DECIMAL(38,0)");
        Assert.True(reader.Read());

        Assert.Throws<OverflowException>(() => reader.GetDecimal(0));
    }

    [Theory]
    [InlineData("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    [InlineData("ffffffff-ffff-ffff-ffff-ffffffffffff")]
    [InlineData("7fffffff-ffff-ffff-8000-000000000000")]
    [InlineData("80000000-0000-0000-7fff-ffffffffffff")]
    public void GetValue_Uuid_ReadsBackSameGuidText(string text)
    {
        var value = Single($"SELECT '{text}'::UUID");

        Assert.Equal(text, Assert.IsType<Guid>(value).ToString());
    }

    [Fact]
    public void GetValue_GeneratedUuids_MatchDuckDbText()
    {
        using var reader = Connection.Query("SELECT u, u::VARCHAR FROM (SELECT uuid() AS u FROM range(3000))");
        var rows = 0;

        while (reader.Read())
        {
            Assert.Equal(reader.GetString(1), reader.GetFieldValue<Guid>(0).ToString());
            rows++;
        }

        Assert.Equal(3000, rows);
    }

    [Fact]
    public void GetValue_BitAndBignum_MatchDuckDbText()
    {
        using var reader = Connection.Query(
            "SELECT b, b::VARCHAR, n, n::VARCHAR FROM ("
            + "SELECT bitstring('1011', (i % 17 + 4)::INTEGER) AS b, "
            + "(CASE WHEN i % 2 = 0 THEN '-' ELSE '' END || repeat('9876543210', i // 10 + 1) || i::VARCHAR)::BIGNUM AS n "
            + "FROM range(0, 100) t(i) "
            + "UNION ALL SELECT '1'::BIT, n::BIGNUM FROM range(-257, 258) r(n))");
        var rows = 0;

        while (reader.Read())
        {
            Assert.Equal(reader.GetString(1), reader.GetValue(0));
            Assert.Equal(reader.GetString(3), reader.GetValue(2));
            rows++;
        }

        Assert.Equal(615, rows);
    }
}
