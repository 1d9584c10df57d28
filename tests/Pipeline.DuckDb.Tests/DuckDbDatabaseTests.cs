namespace Pipeline.DuckDb.Tests;

public sealed class DuckDbDatabaseTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void LibraryVersion_Loaded_IsPinnedVersion()
    {
        Assert.Equal("v1.5.6", DuckDbDatabase.LibraryVersion);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(":memory:")]
    public void Open_InMemory_DatabasesAreIndependent(string? path)
    {
        using var first = DuckDbDatabase.Open(path);
        using var second = DuckDbDatabase.Open(path);
        using var a = first.Connect();
        using var b = second.Connect();

        a.Execute("CREATE TABLE t AS SELECT 1 AS x");

        Assert.Equal(":memory:", first.Path);
        Assert.Equal(1, a.Scalar<int>("SELECT count(*) FROM t"));
        Assert.Throws<DuckDbException>(() => b.Scalar<int>("SELECT count(*) FROM t"));
    }

    [Fact]
    public void Open_File_PersistsDataAcrossReopen()
    {
        var path = _folder.File("data.duckdb");
        using (var database = DuckDbDatabase.Open(path))
        using (var connection = database.Connect())
        {
            connection.Execute("CREATE TABLE t(i INTEGER); INSERT INTO t SELECT * FROM range(1000)");
        }

        using var reopened = DuckDbDatabase.Open(path);
        using var again = reopened.Connect();
        Assert.Equal(499500L, again.Scalar<long>("SELECT sum(i) FROM t"));
    }

    [Fact]
    public void Open_MissingDirectory_ThrowsDuckDbExceptionWithDuckDbMessage()
    {
        var error = Assert.Throws<DuckDbException>(() => DuckDbDatabase.Open(_folder.File("missing/dir/data.duckdb")));

        Assert.Contains("Cannot open", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Open_FileOpenedAndClosed500Times_FileIsReleasedAndCanBeDeletedAndRecreated()
    {
        var path = _folder.File("cycle.duckdb");
        for (var i = 0; i < 500; i++)
        {
            using var database = DuckDbDatabase.Open(path);
            using var connection = database.Connect();
            connection.Execute($"CREATE TABLE IF NOT EXISTS t(i INTEGER); INSERT INTO t VALUES ({i})");
        }

        Assert.Equal(0, OpenFiles.CountFor(path));
        File.Delete(path);
        using var fresh = DuckDbDatabase.Open(path);
        using var check = fresh.Connect();
        Assert.Equal(0L, check.Scalar<long>("SELECT count(*) FROM duckdb_tables() WHERE table_name = 't'"));
    }

    [Fact]
    public void Dispose_WhileConnectionOpen_ConnectionKeepsWorkingAndFileClosesWithIt()
    {
        var path = _folder.File("shared.duckdb");
        var database = DuckDbDatabase.Open(path);
        var connection = database.Connect();

        database.Dispose();
        connection.Execute("CREATE TABLE t AS SELECT 42 AS x");

        Assert.Equal(42, connection.Scalar<int>("SELECT x FROM t"));
        Assert.True(OpenFiles.CountFor(path) > 0);
        connection.Dispose();
        Assert.Equal(0, OpenFiles.CountFor(path));
    }

    [Fact]
    public void Connect_AfterDispose_ThrowsObjectDisposedException()
    {
        var database = DuckDbDatabase.Open();
        database.Dispose();
        database.Dispose();

        Assert.Throws<ObjectDisposedException>(() => database.Connect());
    }
}
