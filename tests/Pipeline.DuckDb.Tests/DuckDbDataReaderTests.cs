namespace Pipeline.DuckDb.Tests;

public sealed class DuckDbDataReaderTests : IDisposable
{
    private readonly DuckDbDatabase _database = DuckDbDatabase.Open();
    private readonly DuckDbConnection _connection;

    public DuckDbDataReaderTests()
    {
        _connection = _database.Connect();
    }

    public void Dispose()
    {
        _connection.Dispose();
        _database.Dispose();
    }

    [Fact]
    public void Metadata_Columns_ExposeNamesTypesAndOrdinals()
    {
        using var reader = _connection.Query("SELECT 1::INTEGER AS id, 'x' AS Name, [1.5]::DECIMAL(10,2)[] AS prices");

        Assert.Equal(3, reader.FieldCount);
        Assert.Equal(["id", "Name", "prices"], Enumerable.Range(0, 3).Select(reader.GetName));
        Assert.Equal([DuckDbType.Integer, DuckDbType.Varchar, DuckDbType.List], Enumerable.Range(0, 3).Select(reader.GetColumnType));
        Assert.Equal("DECIMAL(10,2)[]", reader.GetTypeName(2));
        Assert.Equal(1, reader.GetOrdinal("name"));
        Assert.Throws<IndexOutOfRangeException>(() => reader.GetName(3));
        Assert.Throws<IndexOutOfRangeException>(() => reader.GetOrdinal("missing"));
    }

    [Fact]
    public void Read_AcrossManyChunks_VisitsEveryRowOnceInOrder()
    {
        using var reader = _connection.Query("SELECT i, 'v' || i FROM range(10000) t(i) ORDER BY i");
        var expected = 0L;

        while (reader.Read())
        {
            Assert.Equal(expected, reader.GetInt64(0));
            Assert.Equal($"v{expected}", reader.GetString(1));
            Assert.InRange(reader.ChunkRowCount, 1, 2048);
            expected++;
        }

        Assert.Equal(10000, expected);
        Assert.False(reader.Read());
    }

    [Fact]
    public void GetValue_BeforeRead_ThrowsInvalidOperation()
    {
        using var reader = _connection.Query("SELECT 1");

        Assert.Throws<InvalidOperationException>(() => reader.GetValue(0));
    }

    [Fact]
    public void Read_EmptyResult_ReturnsFalse()
    {
        using var reader = _connection.Query("SELECT 1 WHERE false");

        Assert.False(reader.Read());
        Assert.Throws<InvalidOperationException>(() => reader.GetValue(0));
    }

    [Fact]
    public void GetValues_Row_ReturnsAllColumnsWithNulls()
    {
        using var reader = _connection.Query("SELECT 1, NULL::VARCHAR, 'z'");
        Assert.True(reader.Read());

        Assert.Equal([1, null, "z"], reader.GetValues());
        Assert.True(reader.IsDBNull(1));
        Assert.False(reader.IsDBNull(0));
    }

    [Fact]
    public void Dispose_Twice_ThenUse_ThrowsObjectDisposedException()
    {
        var reader = _connection.Query("SELECT 1");
        Assert.True(reader.Read());

        reader.Dispose();
        reader.Dispose();

        Assert.Throws<ObjectDisposedException>(() => reader.Read());
        Assert.Throws<ObjectDisposedException>(() => reader.GetValue(0));
        Assert.Equal(5, _connection.Scalar<int>("SELECT 5"));
    }
}
