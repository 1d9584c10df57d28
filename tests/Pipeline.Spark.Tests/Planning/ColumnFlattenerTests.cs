using Pipeline.Spark.Planning;
using Pipeline.Spark.Types;

namespace Pipeline.Spark.Tests.Planning;

public sealed class ColumnFlattenerTests
{
    static List<FlatColumn> Flatten(string type, params string[] declared) =>
        ColumnFlattener.Flatten([("a", DuckType.Parse(type)), ("n", DuckType.Parse("BIGINT"))], new HashSet<string>(declared));

    [Fact]
    public void Flatten_NestedStructs_NamesLeavesWithUnderscoresAndKeepsLists()
    {
        var columns = Flatten("STRUCT(b BIGINT, c STRUCT(d VARCHAR, e STRUCT(x INTEGER)[]))");

        Assert.Equal(["a_b", "a_c_d", "a_c_e", "n"], columns.Select(c => c.Name));
        Assert.Equal(["a", "c", "d"], columns[1].Path);
        Assert.Equal(DuckTypeKind.List, columns[2].Type.Kind);
    }

    [Fact]
    public void Flatten_DeclaredStruct_StaysWhole()
    {
        var columns = Flatten("STRUCT(b BIGINT, c STRUCT(d VARCHAR))", "a_c");

        Assert.Equal(["a_b", "a_c", "n"], columns.Select(c => c.Name));
        Assert.Equal(DuckTypeKind.Struct, columns[1].Type.Kind);
    }
}
