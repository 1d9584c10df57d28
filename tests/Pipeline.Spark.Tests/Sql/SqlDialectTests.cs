using Pipeline.Spark.Sql;

namespace Pipeline.Spark.Tests.Sql;

public sealed class SqlDialectTests
{
    [Theory]
    [InlineData("a", "\"a\"", "`a`")]
    [InlineData("it's \"x\"", "\"it's \"\"x\"\"\"", "`it's \"x\"`")]
    [InlineData("back`tick", "\"back`tick\"", "`back``tick`")]
    public void Quote_AnyName_EscapesTheQuoteCharacter(string name, string duckDb, string spark)
    {
        Assert.Equal(duckDb, DuckDbDialect.QuoteName(name));
        Assert.Equal(spark, SparkDialect.QuoteName(name));
    }

    [Theory]
    [InlineData("plain", "'plain'", "'plain'")]
    [InlineData("o'neil", "'o''neil'", "'o\\'neil'")]
    [InlineData("c:\\dir\nx", "'c:\\dir\nx'", "'c:\\\\dir\\nx'")]
    public void Literal_AnyText_EscapesForTheDialect(string text, string duckDb, string spark)
    {
        Assert.Equal(duckDb, DuckDbDialect.LiteralOf(text));
        Assert.Equal(spark, SparkDialect.LiteralOf(text));
    }
}
