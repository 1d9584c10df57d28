using Pipeline.Spark.Types;

namespace Pipeline.Spark.Tests.Types;

public sealed class TypeUnionTests
{
    [Theory]
    [InlineData("INTEGER", "INTEGER", "INTEGER")]
    [InlineData("INTEGER", "BIGINT", "BIGINT")]
    [InlineData("SMALLINT", "DOUBLE", "DOUBLE")]
    [InlineData("DECIMAL(10,2)", "BIGINT", "DOUBLE")]
    [InlineData("DATE", "TIMESTAMP", "TIMESTAMP")]
    [InlineData("TIMESTAMP", "TIMESTAMP WITH TIME ZONE", "TIMESTAMP WITH TIME ZONE")]
    [InlineData("NULL", "BOOLEAN", "BOOLEAN")]
    [InlineData("BIGINT", "VARCHAR", "VARCHAR")]
    [InlineData("BIGINT[]", "VARCHAR[]", "VARCHAR")]
    [InlineData("BOOLEAN", "DATE", "VARCHAR")]
    public void Of_TwoTypes_IsTheTypeBothFitInto(string a, string b, string expected)
    {
        Assert.Equal(expected, TypeUnion.Of(DuckType.Parse(a), DuckType.Parse(b)).ToString());
        Assert.Equal(expected, TypeUnion.Of(DuckType.Parse(b), DuckType.Parse(a)).ToString());
    }
}
