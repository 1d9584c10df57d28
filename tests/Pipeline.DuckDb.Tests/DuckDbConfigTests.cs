namespace Pipeline.DuckDb.Tests;

public sealed class DuckDbConfigTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Open_MemoryLimitAndThreads_ReadBackThroughCurrentSetting()
    {
        var config = new DuckDbConfig { MemoryLimit = "1GiB", Threads = 3, TempDirectory = _folder.File("spill") };

        using var database = DuckDbDatabase.Open(config: config);
        using var connection = database.Connect();

        Assert.Equal("1.0 GiB", connection.Scalar<string>("SELECT current_setting('memory_limit')"));
        Assert.Equal(3L, connection.Scalar<long>("SELECT current_setting('threads')"));
        Assert.Equal(_folder.File("spill"), connection.Scalar<string>("SELECT current_setting('temp_directory')"));
    }

    [Fact]
    public void Set_AnyOptionByName_IsApplied()
    {
        var config = new DuckDbConfig().Set("default_order", "DESC").Set("preserve_insertion_order", "false");

        using var database = DuckDbDatabase.Open(config: config);
        using var connection = database.Connect();

        Assert.Equal("DESC", connection.Scalar<string>("SELECT upper(current_setting('default_order'))"));
        Assert.False(connection.Scalar<bool>("SELECT current_setting('preserve_insertion_order')"));
        Assert.Equal([3, 2, 1], ReadInts(connection, "SELECT * FROM (VALUES (1), (3), (2)) v(x) ORDER BY x"));
    }

    [Fact]
    public void Set_ExtensionOption_IsAppliedAfterOpen()
    {
        var config = new DuckDbConfig { LockConfiguration = true }.Set("TimeZone", "Asia/Tokyo");

        using var database = DuckDbDatabase.Open(config: config);
        using var connection = database.Connect();

        Assert.Equal("Asia/Tokyo", connection.Scalar<string>("SELECT current_setting('TimeZone')"));
        Assert.Equal(9, connection.Scalar<int>("SELECT hour('2024-01-01 00:00:00+00'::TIMESTAMPTZ)"));
        Assert.Throws<DuckDbException>(() => connection.Execute("SET TimeZone = 'UTC'"));
    }

    [Fact]
    public void Set_ExtensionOptionOnFileDatabase_OpensAndPersists()
    {
        var path = _folder.File("zoned.duckdb");
        var config = new DuckDbConfig().Set("TimeZone", "America/New_York").Set("autoload_known_extensions", "false");
        using (var database = DuckDbDatabase.Open(path, config))
        using (var connection = database.Connect())
        {
            connection.Execute("CREATE TABLE t AS SELECT hour('2024-07-01 16:00:00+00'::TIMESTAMPTZ) AS h");
        }

        using var reopened = DuckDbDatabase.Open(path, config);
        using var check = reopened.Connect();
        Assert.Equal(12L, check.Scalar<long>("SELECT h FROM t"));
        Assert.Equal("America/New_York", check.Scalar<string>("SELECT current_setting('TimeZone')"));
    }

    [Fact]
    public void Open_UnknownOption_ThrowsDuckDbException()
    {
        var config = new DuckDbConfig().Set("no_such_option_anywhere", "1");

        var error = Assert.Throws<DuckDbException>(() => DuckDbDatabase.Open(config: config));

        Assert.Contains("no_such_option_anywhere", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_InvalidMemoryLimit_ThrowsDuckDbExceptionWithDuckDbMessage()
    {
        var error = Assert.Throws<DuckDbException>(() => DuckDbDatabase.Open(config: new DuckDbConfig { MemoryLimit = "lots" }));

        Assert.Contains("memory", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    private static List<int> ReadInts(DuckDbConnection connection, string sql)
    {
        using var reader = connection.Query(sql);
        var values = new List<int>();
        while (reader.Read())
        {
            values.Add(reader.GetInt32(0));
        }

        return values;
    }
}
