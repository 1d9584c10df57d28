namespace Pipeline.DuckDb.Tests.Configuration;

public sealed class DatabaseOpenerTests : IDisposable
{
    private readonly TempFolder _allowed = new();
    private readonly TempFolder _other = new();

    public DatabaseOpenerTests()
    {
        File.WriteAllText(_allowed.File("a.csv"), "x,y\n1,hello\n2,world\n");
        File.WriteAllText(_allowed.File("b.csv"), "x\n7\n");
        File.WriteAllText(_other.File("secret.csv"), "x\n42\n");
    }

    public void Dispose()
    {
        _allowed.Dispose();
        _other.Dispose();
    }

    [Fact]
    public void Open_SandboxWithAllowedDirectory_ReadsFilesInsideOnly()
    {
        using var database = DuckDbDatabase.Open(config: Sandbox(lockConfiguration: true));
        using var connection = database.Connect();

        Assert.Equal("hello,world", connection.Scalar<string>($"SELECT string_agg(y, ',' ORDER BY x) FROM read_csv('{_allowed.File("a.csv")}')"));
        AssertPermissionDenied(connection, "SELECT count(*) FROM read_csv('/etc/passwd')");
        AssertPermissionDenied(connection, $"SELECT * FROM read_csv('{_other.File("secret.csv")}')");
        AssertPermissionDenied(connection, $"SELECT * FROM read_text('{_allowed.Path}/../../etc/passwd')");
        AssertPermissionDenied(connection, "SELECT count(*) FROM glob('/etc/*')");
    }

    [Fact]
    public void Open_SandboxWithAllowedDirectory_WritesInsideOnly()
    {
        using var database = DuckDbDatabase.Open(config: Sandbox(lockConfiguration: true));
        using var connection = database.Connect();

        connection.Execute($"COPY (SELECT 1 AS x) TO '{_allowed.File("out.csv")}'");

        Assert.True(File.Exists(_allowed.File("out.csv")));
        AssertPermissionDenied(connection, $"COPY (SELECT 1 AS x) TO '{_other.File("out.csv")}'");
        AssertPermissionDenied(connection, $"ATTACH '{_other.File("x.duckdb")}' AS x");
        AssertPermissionDenied(connection, "INSTALL spatial");
        Assert.False(File.Exists(_other.File("out.csv")));
    }

    [Theory]
    [InlineData("SET threads = 1")]
    [InlineData("SET memory_limit = '10GB'")]
    [InlineData("SET enable_external_access = true")]
    [InlineData("RESET enable_external_access")]
    [InlineData("SET allowed_directories = ['/']")]
    [InlineData("SET lock_configuration = false")]
    public void Open_LockConfiguration_EverySetFails(string sql)
    {
        using var database = DuckDbDatabase.Open(config: Sandbox(lockConfiguration: true));
        using var connection = database.Connect();

        var error = Assert.Throws<DuckDbException>(() => connection.Execute(sql));

        Assert.Contains("the configuration has been locked", error.Message, StringComparison.Ordinal);
        Assert.True(connection.Scalar<bool>("SELECT current_setting('lock_configuration')"));
    }

    [Fact]
    public void Open_SandboxWithoutLock_ExternalAccessStillCannotBeReenabled()
    {
        using var database = DuckDbDatabase.Open(config: Sandbox(lockConfiguration: null));
        using var connection = database.Connect();

        var error = Assert.Throws<DuckDbException>(() => connection.Execute("SET enable_external_access = true"));

        Assert.Contains("Cannot enable external access while database is running", error.Message, StringComparison.Ordinal);
        connection.Execute("SET threads = 1");
        Assert.Equal(1L, connection.Scalar<long>("SELECT current_setting('threads')"));
    }

    [Fact]
    public void Open_AllowedPaths_OnlyThatFileIsReadable()
    {
        var config = new DuckDbConfig { EnableExternalAccess = false, AllowedPaths = [_allowed.File("b.csv")] };

        using var database = DuckDbDatabase.Open(config: config);
        using var connection = database.Connect();

        Assert.Equal(7, connection.Scalar<int>($"SELECT x FROM read_csv('{_allowed.File("b.csv")}')"));
        AssertPermissionDenied(connection, $"SELECT * FROM read_csv('{_allowed.File("a.csv")}')");
    }

    [Fact]
    public void Open_ExternalAccessOffWithoutLists_RefusesAllFilesButKeepsBuiltInExtensions()
    {
        using var database = DuckDbDatabase.Open(config: new DuckDbConfig { EnableExternalAccess = false });
        using var connection = database.Connect();

        AssertPermissionDenied(connection, $"SELECT * FROM read_csv('{_allowed.File("a.csv")}')");
        connection.Execute("LOAD json");
        Assert.Equal("1", connection.Scalar<string>("SELECT '{\"a\": 1}'::JSON->>'a'"));
    }

    [Fact]
    public void Open_SandboxedFileDatabaseOutsideAllowedDirectory_StillPersists()
    {
        var path = _other.File("sandboxed.duckdb");
        using (var database = DuckDbDatabase.Open(path, Sandbox(lockConfiguration: true)))
        using (var connection = database.Connect())
        {
            connection.Execute("CREATE TABLE t AS SELECT * FROM range(10) r(i)");
        }

        using var reopened = DuckDbDatabase.Open(path, Sandbox(lockConfiguration: true));
        using var check = reopened.Connect();
        Assert.Equal(45L, check.Scalar<long>("SELECT sum(i) FROM t"));
    }

    [Fact]
    public void Open_AllowedDirectoryWithQuote_IsQuotedNotInjected()
    {
        using var quoted = new TempFolder();
        var directory = Directory.CreateDirectory(Path.Combine(quoted.Path, "it's")).FullName;
        File.WriteAllText(Path.Combine(directory, "q.csv"), "x\n5\n");
        var config = new DuckDbConfig { EnableExternalAccess = false, AllowedDirectories = [directory], LockConfiguration = true };

        using var database = DuckDbDatabase.Open(config: config);
        using var connection = database.Connect();

        Assert.Equal(5, connection.Scalar<int>("SELECT x FROM read_csv($1)", Path.Combine(directory, "q.csv")));
    }

    [Fact]
    public void Open_SiblingDirectorySharingThePrefix_IsRefused()
    {
        var sibling = Directory.CreateDirectory(_allowed.Path + "-sibling").FullName;
        try
        {
            File.WriteAllText(Path.Combine(sibling, "c.csv"), "x\n1\n");
            using var database = DuckDbDatabase.Open(config: Sandbox(lockConfiguration: true));
            using var connection = database.Connect();

            AssertPermissionDenied(connection, $"SELECT * FROM read_csv('{Path.Combine(sibling, "c.csv")}')");
        }
        finally
        {
            Directory.Delete(sibling, recursive: true);
        }
    }

    [Fact]
    public void Open_Sandbox_AllowedListHoldsDirectoriesWithSlashAndTheTempDirectory()
    {
        using var database = DuckDbDatabase.Open(config: Sandbox(lockConfiguration: true));
        using var connection = database.Connect();

        var allowed = connection.Scalar<List<object?>>("SELECT current_setting('allowed_directories')");

        Assert.Equal([_allowed.Path + "/", Path.Combine(_allowed.Path, ".spill") + "/"], allowed!.Cast<string>().Order());
    }

    [Fact]
    public void Open_SymlinkInsideAllowedDirectory_IsCheckedAgainstItsTarget()
    {
        File.CreateSymbolicLink(_allowed.File("escape.csv"), _other.File("secret.csv"));
        File.CreateSymbolicLink(_allowed.File("alias.csv"), _allowed.File("b.csv"));
        using var database = DuckDbDatabase.Open(config: Sandbox(lockConfiguration: true));
        using var connection = database.Connect();

        AssertPermissionDenied(connection, $"SELECT x FROM read_csv('{_allowed.File("escape.csv")}')");
        Assert.Equal(7, connection.Scalar<int>($"SELECT x FROM read_csv('{_allowed.File("alias.csv")}')"));
    }

    [Fact]
    public void Open_EngineStyleSandbox_WritesPartitionedOutputUnderAllowedFolder()
    {
        var output = Directory.CreateDirectory(_allowed.File("out")).FullName;
        var config = new DuckDbConfig
        {
            MemoryLimit = "256MB",
            Threads = 2,
            TempDirectory = _allowed.File("spill"),
            AllowedDirectories = [_allowed.Path + "/"],
            AllowedPaths = [_allowed.Path, output],
            EnableExternalAccess = false,
            LockConfiguration = true,
        };
        config.Set("TimeZone", "UTC").Set("preserve_insertion_order", "false")
            .Set("autoinstall_known_extensions", "false").Set("autoload_known_extensions", "false");

        using var database = DuckDbDatabase.Open(config: config);
        using var connection = database.Connect();
        connection.Execute($"COPY (SELECT i, i % 3 AS p FROM range(30) t(i)) TO '{output}' (FORMAT parquet, PARTITION_BY (p), OVERWRITE)");

        Assert.Equal(3, Directory.GetDirectories(output).Length);
        Assert.Equal(435L, connection.Scalar<long>($"SELECT sum(i) FROM read_parquet('{output}/*/*.parquet')"));
        Assert.Equal("UTC", connection.Scalar<string>("SELECT current_setting('TimeZone')"));
        Assert.False(connection.Scalar<bool>("SELECT current_setting('autoload_known_extensions')"));
        AssertPermissionDenied(connection, $"SELECT * FROM read_csv('{_other.File("secret.csv")}')");
    }

    [Fact]
    public void Open_LockWithoutLists_AppliedAtStartup()
    {
        using var database = DuckDbDatabase.Open(config: new DuckDbConfig { Threads = 2, LockConfiguration = true });
        using var connection = database.Connect();

        Assert.Throws<DuckDbException>(() => connection.Execute("SET threads = 1"));
        Assert.Equal(2L, connection.Scalar<long>("SELECT current_setting('threads')"));
    }

    private DuckDbConfig Sandbox(bool? lockConfiguration) => new()
    {
        EnableExternalAccess = false,
        AllowedDirectories = [_allowed.Path],
        LockConfiguration = lockConfiguration,
        TempDirectory = Path.Combine(_allowed.Path, ".spill"),
    };

    private static void AssertPermissionDenied(DuckDbConnection connection, string sql)
    {
        var error = Assert.Throws<DuckDbException>(() => connection.Execute(sql));
        Assert.Equal(DuckDbErrorType.Permission, error.ErrorType);
        Assert.Contains("disabled by configuration", error.Message, StringComparison.Ordinal);
    }
}
