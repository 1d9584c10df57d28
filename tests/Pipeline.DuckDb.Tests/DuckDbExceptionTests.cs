namespace Pipeline.DuckDb.Tests;

public sealed class DuckDbExceptionTests : IDisposable
{
    private readonly DuckDbDatabase _database = DuckDbDatabase.Open();
    private readonly DuckDbConnection _connection;

    public DuckDbExceptionTests()
    {
        _connection = _database.Connect();
    }

    public void Dispose()
    {
        _connection.Dispose();
        _database.Dispose();
    }

    [Theory]
    [InlineData("SELEC 1", DuckDbErrorType.Parser, "Parser Error: syntax error at or near \"SELEC\"")]
    [InlineData("SELECT * FROM missing_table", DuckDbErrorType.Catalog, "Catalog Error: Table with name missing_table does not exist!")]
    [InlineData("SELECT 'abc'::INTEGER", DuckDbErrorType.Conversion, "Conversion Error: Could not convert string 'abc' to INT32")]
    [InlineData("SELECT no_column FROM range(1)", DuckDbErrorType.Binder, "Binder Error: Referenced column \"no_column\" not found")]
    [InlineData("SELECT 2147483647::INTEGER + 1", DuckDbErrorType.OutOfRange, "Out of Range Error: Overflow in addition of INT32")]
    public void Execute_InvalidSql_ThrowsWithDuckDbMessageAndType(string sql, DuckDbErrorType type, string message)
    {
        var error = Assert.Throws<DuckDbException>(() => _connection.Execute(sql));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(type, error.ErrorType);
    }

    [Fact]
    public void Execute_ConstraintViolation_ThrowsConstraintError()
    {
        _connection.Execute("CREATE TABLE t(id INTEGER PRIMARY KEY, name VARCHAR NOT NULL)");
        _connection.Execute("INSERT INTO t VALUES (1, 'a')");

        var duplicate = Assert.Throws<DuckDbException>(() => _connection.Execute("INSERT INTO t VALUES (1, 'b')"));
        var notNull = Assert.Throws<DuckDbException>(() => _connection.Query("INSERT INTO t VALUES ($1, $2)", 2, null).Dispose());

        Assert.Equal(DuckDbErrorType.Constraint, duplicate.ErrorType);
        Assert.Contains("Duplicate key \"id: 1\" violates primary key constraint", duplicate.Message, StringComparison.Ordinal);
        Assert.Equal(DuckDbErrorType.Constraint, notNull.ErrorType);
        Assert.Contains("NOT NULL constraint failed", notNull.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ErrorAfterFirstChunks_ThrowsDuckDbExceptionWhileStreaming()
    {
        _connection.Execute("SET threads = 1");
        using var reader = _connection.Query(
            "SELECT CASE WHEN i < 3000000 THEN i ELSE ('x' || i)::BIGINT END FROM range(4000000) t(i)");
        var rows = 0;

        var error = Assert.Throws<DuckDbException>(() =>
        {
            while (reader.Read())
            {
                rows++;
            }
        });

        Assert.InRange(rows, 1, 3000000);

        Assert.Equal(DuckDbErrorType.Conversion, error.ErrorType);
        Assert.Contains("Could not convert string 'x3", error.Message, StringComparison.Ordinal);
        Assert.False(reader.Read());
    }
}
