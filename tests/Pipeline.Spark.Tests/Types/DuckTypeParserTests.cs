using Pipeline.Spark.Types;

namespace Pipeline.Spark.Tests.Types;

public sealed class DuckTypeParserTests
{
    [Theory]
    [InlineData("BIGINT", "BIGINT")]
    [InlineData("decimal(10, 2)", "DECIMAL(10, 2)")]
    [InlineData("TIMESTAMP WITH TIME ZONE", "TIMESTAMP WITH TIME ZONE")]
    [InlineData("TIMESTAMPTZ", "TIMESTAMP WITH TIME ZONE")]
    [InlineData("INT", "INTEGER")]
    [InlineData("TEXT", "VARCHAR")]
    [InlineData("BIGINT[]", "BIGINT[]")]
    [InlineData("INTEGER[3][]", "INTEGER[3][]")]
    [InlineData("MAP(VARCHAR, DOUBLE[])", "MAP(VARCHAR, DOUBLE[])")]
    [InlineData("ENUM('a', 'it''s')", "ENUM('a', 'it''s')")]
    [InlineData("STRUCT(a INTEGER, \"b c\" STRUCT(\"x\"\"y\" VARCHAR)[])", "STRUCT(\"a\" INTEGER, \"b c\" STRUCT(\"x\"\"y\" VARCHAR)[])")]
    [InlineData("UNION(num INTEGER, str VARCHAR)", "UNION(\"num\" INTEGER, \"str\" VARCHAR)")]
    public void Parse_DuckDbTypeText_RoundTripsToCanonicalText(string text, string canonical)
    {
        var type = DuckType.Parse(text);

        Assert.Equal(canonical, type.ToString());
        Assert.Equal(type, DuckType.Parse(type.ToString()));
    }

    [Fact]
    public void Parse_NestedStruct_ExposesFieldsAndElements()
    {
        var type = DuckType.Parse("STRUCT(id VARCHAR, pos STRUCT(lat DOUBLE), tags VARCHAR[])");

        Assert.Equal(DuckTypeKind.Struct, type.Kind);
        Assert.Equal(["id", "pos", "tags"], type.Fields.Select(f => f.Name));
        Assert.Equal("DOUBLE", type.Fields[1].Type.Fields[0].Type.Name);
        Assert.Equal(DuckTypeKind.List, type.Fields[2].Type.Kind);
    }

    [Theory]
    [InlineData("")]
    [InlineData("STRUCT(a INTEGER")]
    [InlineData("DECIMAL(10,2")]
    [InlineData("BIGINT) x")]
    public void Parse_Malformed_ThrowsFormatException(string text) =>
        Assert.Throws<FormatException>(() => DuckType.Parse(text));

    [Fact]
    public void Replace_NestedPath_ReplacesOnlyThatField()
    {
        var type = DuckType.Parse("STRUCT(b BIGINT, c STRUCT(d DOUBLE, e DOUBLE))");

        var replaced = type.Replace(["a", "c", "d"], DuckType.Varchar, 1);

        Assert.Equal("STRUCT(\"b\" BIGINT, \"c\" STRUCT(\"d\" VARCHAR, \"e\" DOUBLE))", replaced.ToString());
    }
}
