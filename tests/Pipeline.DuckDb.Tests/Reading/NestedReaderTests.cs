namespace Pipeline.DuckDb.Tests.Reading;

public sealed class NestedReaderTests : InMemoryDatabase
{
    [Fact]
    public void GetValue_ListOfStructs_WithNullsAndEmptyLists()
    {
        var value = Single("SELECT [{'a': 1, 'b': [1, 2]}, NULL, {'a': NULL, 'b': []}]");

        var list = Assert.IsType<List<object?>>(value);
        Assert.Equal(3, list.Count);
        var first = Assert.IsType<Dictionary<string, object?>>(list[0]);
        Assert.Equal(["a", "b"], first.Keys);
        Assert.Equal(1, first["a"]);
        Assert.Equal([1, 2], Assert.IsType<List<object?>>(first["b"]));
        Assert.Null(list[1]);
        var third = Assert.IsType<Dictionary<string, object?>>(list[2]);
        Assert.Null(third["a"]);
        Assert.Empty(Assert.IsType<List<object?>>(third["b"]));
    }

    [Fact]
    public void GetValue_ListWithNullElements_KeepsPositions()
    {
        Assert.Equal([1, null, 3], Assert.IsType<List<object?>>(Single("SELECT [1, NULL, 3]")));
        Assert.Empty(Assert.IsType<List<object?>>(Single("SELECT []::INTEGER[]")));
        Assert.Null(Single("SELECT NULL::INTEGER[]"));
    }

    [Fact]
    public void GetValue_Map_IsOrderedKeyValuePairs()
    {
        var value = Single("SELECT MAP {'k': [1, 2], 'z': NULL, 'a': []}");

        var map = Assert.IsType<List<KeyValuePair<object?, object?>>>(value);
        Assert.Equal(["k", "z", "a"], map.Select(pair => pair.Key));
        Assert.Equal([1, 2], Assert.IsType<List<object?>>(map[0].Value));
        Assert.Null(map[1].Value);
        Assert.Empty(Assert.IsType<List<object?>>(map[2].Value));
    }

    [Fact]
    public void GetValue_MapWithNonStringKeys_KeepsKeyTypes()
    {
        var map = Assert.IsType<List<KeyValuePair<object?, object?>>>(Single("SELECT MAP {1: 'one', 2: 'two'}"));

        Assert.Equal([new KeyValuePair<object?, object?>(1, "one"), new KeyValuePair<object?, object?>(2, "two")], map);
    }

    [Fact]
    public void GetValue_Array_IsListOfFixedLength()
    {
        Assert.Equal([1, null, 3], Assert.IsType<List<object?>>(Single("SELECT [1, NULL, 3]::INTEGER[3]")));
        var nested = Assert.IsType<List<object?>>(Single("SELECT [[1, 2], [3, 4]]::INTEGER[2][2]"));
        Assert.Equal([3, 4], Assert.IsType<List<object?>>(nested[1]));
    }

    [Fact]
    public void GetValue_StructWithNestedMapAndNullStruct()
    {
        using var reader = Connection.Query(
            "SELECT s FROM (VALUES ({'id': 1, 'tags': MAP {'x': 1}}), (NULL)) v(s)");

        Assert.True(reader.Read());
        var fields = Assert.IsType<Dictionary<string, object?>>(reader.GetValue(0));
        Assert.Equal(1, fields["id"]);
        Assert.Single(Assert.IsType<List<KeyValuePair<object?, object?>>>(fields["tags"]));
        Assert.True(reader.Read());
        Assert.True(reader.IsDBNull(0));
    }

    [Fact]
    public void GetValue_ListsInLaterChunks_UseTheirOwnOffsets()
    {
        using var reader = Connection.Query("SELECT [i, i + 1, NULL] FROM range(6000) t(i) ORDER BY i");
        var row = 0L;

        while (reader.Read())
        {
            Assert.Equal([row, row + 1, null], Assert.IsType<List<object?>>(reader.GetValue(0)));
            row++;
        }

        Assert.Equal(6000, row);
    }

    [Fact]
    public void GetValue_ArraysInLaterChunks_UseRowTimesSize()
    {
        using var reader = Connection.Query("SELECT [i, -i]::BIGINT[2] FROM range(5000) t(i) ORDER BY i");
        var row = 0L;

        while (reader.Read())
        {
            Assert.Equal([row, -row], Assert.IsType<List<object?>>(reader.GetValue(0)));
            row++;
        }

        Assert.Equal(5000, row);
    }
}
