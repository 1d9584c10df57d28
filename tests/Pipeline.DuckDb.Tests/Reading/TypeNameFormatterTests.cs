namespace Pipeline.DuckDb.Tests.Reading;

public sealed class TypeNameFormatterTests : InMemoryDatabase
{
    [Theory]
    [InlineData("true")]
    [InlineData("1::TINYINT")]
    [InlineData("1::SMALLINT")]
    [InlineData("1::INTEGER")]
    [InlineData("1::BIGINT")]
    [InlineData("1::UTINYINT")]
    [InlineData("1::USMALLINT")]
    [InlineData("1::UINTEGER")]
    [InlineData("1::UBIGINT")]
    [InlineData("1::HUGEINT")]
    [InlineData("1::UHUGEINT")]
    [InlineData("1::FLOAT")]
    [InlineData("1::DOUBLE")]
    [InlineData("1.5::DECIMAL(10,2)")]
    [InlineData("1.5::DECIMAL(38,10)")]
    [InlineData("'x'")]
    [InlineData("'x'::BLOB")]
    [InlineData("DATE '2024-01-01'")]
    [InlineData("TIME '01:02:03'")]
    [InlineData("'01:02:03'::TIME_NS")]
    [InlineData("'01:02:03+01'::TIMETZ")]
    [InlineData("TIMESTAMP '2024-01-01'")]
    [InlineData("'2024-01-01'::TIMESTAMP_S")]
    [InlineData("'2024-01-01'::TIMESTAMP_MS")]
    [InlineData("'2024-01-01'::TIMESTAMP_NS")]
    [InlineData("'2024-01-01'::TIMESTAMPTZ")]
    [InlineData("INTERVAL 1 DAY")]
    [InlineData("uuid()")]
    [InlineData("'101'::BIT")]
    [InlineData("1::BIGNUM")]
    [InlineData("'{}'::JSON")]
    [InlineData("'x'::ENUM('a', 'x', 'it''s')")]
    [InlineData("[1, 2]")]
    [InlineData("[[1, 2]]::INTEGER[2][]")]
    [InlineData("[1, 2]::INTEGER[2]")]
    [InlineData("{'a': 1, 'b': 'x'}")]
    [InlineData("{'name': 1, 'My Field': 2, 'A': 3, 'select': 4, 'abs': 5, '1st': 6}")]
    [InlineData("MAP {'k': 1}")]
    [InlineData("MAP {'a': {'x': [1]}}")]
    [InlineData("[{'a': MAP {1: [true]}}]")]
    [InlineData("union_value(num := 1)::UNION(num INTEGER, str VARCHAR)")]
    public void GetTypeName_Expression_EqualsDuckDbTypeOf(string expression)
    {
        using var reader = Connection.Query($"SELECT {expression} AS v, typeof({expression}) AS t");
        Assert.True(reader.Read());

        Assert.Equal(reader.GetString(1), reader.GetTypeName(0));
    }
}
