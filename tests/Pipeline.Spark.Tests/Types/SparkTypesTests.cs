using Pipeline.Spark.Types;

namespace Pipeline.Spark.Tests.Types;

public sealed class SparkTypesTests
{
    [Theory]
    [InlineData("INTEGER", "INT")]
    [InlineData("UBIGINT", "DECIMAL(20,0)")]
    [InlineData("DECIMAL(10, 2)", "DECIMAL(10,2)")]
    [InlineData("TIMESTAMP", "TIMESTAMP_NTZ")]
    [InlineData("TIMESTAMP WITH TIME ZONE", "TIMESTAMP")]
    [InlineData("VARCHAR", "STRING")]
    [InlineData("JSON", "STRING")]
    [InlineData("BLOB", "BINARY")]
    [InlineData("STRUCT(a INTEGER, \"b`c\" VARCHAR[])", "STRUCT<`a`: INT, `b``c`: ARRAY<STRING>>")]
    [InlineData("MAP(VARCHAR, BIGINT)", "MAP<STRING, BIGINT>")]
    public void Of_DuckDbType_IsSparkDdl(string duck, string spark) =>
        Assert.Equal(spark, SparkTypes.Of(DuckType.Parse(duck)));
}
