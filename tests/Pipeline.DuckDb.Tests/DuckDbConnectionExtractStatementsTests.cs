namespace Pipeline.DuckDb.Tests;

public sealed class DuckDbConnectionExtractStatementsTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly DuckDbDatabase _database = DuckDbDatabase.Open();
    private readonly DuckDbConnection _connection;

    public DuckDbConnectionExtractStatementsTests()
    {
        _connection = _database.Connect();
        _connection.Execute("CREATE TABLE t(i INTEGER)");
    }

    public void Dispose()
    {
        _connection.Dispose();
        _database.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public void ExtractStatements_MixedScript_ClassifiesEachWithoutExecuting()
    {
        var copyTarget = _folder.File("x.csv");
        var sql = $"SELECT 1; INSERT INTO t VALUES (1); COPY t TO '{copyTarget}'; ATTACH ':memory:' AS other; "
            + "SET threads = 1; PRAGMA table_info('t'); LOAD json; INSTALL json";

        var statements = _connection.ExtractStatements(sql);

        Assert.Equal(
            [
                DuckDbStatementType.Select, DuckDbStatementType.Insert, DuckDbStatementType.Copy,
                DuckDbStatementType.Attach, DuckDbStatementType.Set, DuckDbStatementType.Select,
                DuckDbStatementType.Load, DuckDbStatementType.Load,
            ],
            statements.Select(s => s.StatementType));
        Assert.Equal(Enumerable.Range(0, 8), statements.Select(s => s.Index));
        Assert.Equal(0L, _connection.Scalar<long>("SELECT count(*) FROM t"));
        Assert.False(File.Exists(copyTarget));
        Assert.Equal(0L, _connection.Scalar<long>("SELECT count(*) FROM duckdb_databases() WHERE database_name = 'other'"));
        Assert.NotEqual(1L, _connection.Scalar<long>("SELECT current_setting('threads')"));
    }

    [Theory]
    [InlineData("SET VARIABLE x = 1", DuckDbStatementType.Set)]
    [InlineData("RESET threads", DuckDbStatementType.Set)]
    [InlineData("USE memory", DuckDbStatementType.Set)]
    [InlineData("PRAGMA threads = 2", DuckDbStatementType.Set)]
    [InlineData("PRAGMA version", DuckDbStatementType.Select)]
    [InlineData("DESCRIBE t", DuckDbStatementType.Select)]
    [InlineData("CALL pragma_version()", DuckDbStatementType.Call)]
    [InlineData("CHECKPOINT", DuckDbStatementType.Call)]
    [InlineData("EXPLAIN SELECT 1", DuckDbStatementType.Explain)]
    [InlineData("DETACH other", DuckDbStatementType.Detach)]
    [InlineData("BEGIN TRANSACTION", DuckDbStatementType.Transaction)]
    [InlineData("VACUUM", DuckDbStatementType.Vacuum)]
    [InlineData("CREATE MACRO plus_one(x) AS x + 1", DuckDbStatementType.Create)]
    [InlineData("DROP TABLE t", DuckDbStatementType.Drop)]
    [InlineData("UPDATE t SET i = 2", DuckDbStatementType.Update)]
    [InlineData("DELETE FROM t", DuckDbStatementType.Delete)]
    [InlineData("ALTER TABLE t ADD COLUMN j INTEGER", DuckDbStatementType.Alter)]
    [InlineData("EXPORT DATABASE 'somewhere'", DuckDbStatementType.Export)]
    [InlineData("PREPARE p AS SELECT 1", DuckDbStatementType.Prepare)]
    [InlineData("FROM t", DuckDbStatementType.Select)]
    public void ExtractStatements_SingleStatement_MapsToDuckDbStatementType(string sql, DuckDbStatementType expected)
    {
        var statement = Assert.Single(_connection.ExtractStatements(sql));

        Assert.Equal(expected, statement.StatementType);
    }

    [Fact]
    public void ExtractStatements_Parameters_AreCountedPerStatement()
    {
        var statements = _connection.ExtractStatements("SELECT $1, $2; INSERT INTO t VALUES (?)");

        Assert.Equal([2, 1], statements.Select(s => s.ParameterCount));
    }

    [Fact]
    public void ExtractStatements_StatementThatFailsToPrepare_ThrowsDuckDbException()
    {
        var error = Assert.Throws<DuckDbException>(() => _connection.ExtractStatements("SELECT 1; SELECT * FROM nope"));

        Assert.Equal(DuckDbErrorType.Catalog, error.ErrorType);
        Assert.Contains("nope", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExtractStatements_SyntaxError_ThrowsParserError()
    {
        var error = Assert.Throws<DuckDbException>(() => _connection.ExtractStatements("SELECT 1; SELEC 2"));

        Assert.Equal(DuckDbErrorType.Parser, error.ErrorType);
        Assert.Contains("syntax error", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExtractStatements_Empty_ReturnsNoStatements()
    {
        Assert.Empty(_connection.ExtractStatements(" -- nothing here\n"));
    }
}
