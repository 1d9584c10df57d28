namespace Pipeline.DuckDb.Tests.Reading;

public sealed class CastFallbackTests : InMemoryDatabase
{
    [Fact]
    public void Query_GeometryColumn_IsReadAsDuckDbTextWithOriginalNames()
    {
        using var reader = Connection.Query("SELECT 'POINT(1 2)'::GEOMETRY AS shape, 7 AS shape;");
        Assert.True(reader.Read());

        Assert.Equal(["shape", "shape"], [reader.GetName(0), reader.GetName(1)]);
        Assert.Equal("POINT (1 2)", reader.GetValue(0));
        Assert.Equal(7, reader.GetValue(1));
    }

    [Fact]
    public void Query_VariantWithParameters_KeepsParameterBinding()
    {
        using var reader = Connection.Query("SELECT $2::VARIANT AS v, $1::INTEGER AS i -- trailing comment", 5, 42);
        Assert.True(reader.Read());

        Assert.Equal("42", reader.GetValue(0));
        Assert.Equal(5, reader.GetValue(1));
    }

    [Fact]
    public void Query_NestedGeometry_WholeColumnBecomesText()
    {
        var value = Single("SELECT ['POINT(0 0)'::GEOMETRY]");

        Assert.Equal("['POINT (0 0)']", value);
    }

    [Fact]
    public void Query_TextTheWrapperCannotEnclose_FallsBackToPlaceholderInsteadOfFailing()
    {
        using var reader = Connection.Query("SELECT 'POINT(1 2)'::GEOMETRY AS g, 3 AS n; -- done");
        Assert.True(reader.Read());

        Assert.Equal("<GEOMETRY>", reader.GetValue(0));
        Assert.Equal(3, reader.GetValue(1));
    }

    [Fact]
    public void Query_OrdinaryTypes_AreNotRewritten()
    {
        using var reader = Connection.Query("SELECT 1 AS a, [2] AS b");

        Assert.Equal(DuckDbType.Integer, reader.GetColumnType(0));
        Assert.Equal(DuckDbType.List, reader.GetColumnType(1));
    }
}
