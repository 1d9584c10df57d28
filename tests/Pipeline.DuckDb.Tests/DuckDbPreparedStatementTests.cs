namespace Pipeline.DuckDb.Tests;

public sealed class DuckDbPreparedStatementTests : IDisposable
{
    private readonly DuckDbDatabase _database = DuckDbDatabase.Open();
    private readonly DuckDbConnection _connection;

    public DuckDbPreparedStatementTests()
    {
        _connection = _database.Connect();
        _connection.Execute("CREATE TABLE t(i INTEGER, s VARCHAR)");
    }

    public void Dispose()
    {
        _connection.Dispose();
        _database.Dispose();
    }

    [Fact]
    public void Prepare_Statement_ExposesParameterCountAndType()
    {
        using var select = _connection.Prepare("SELECT * FROM t WHERE i = $1 AND s = $2");
        using var insert = _connection.Prepare("INSERT INTO t VALUES (?, ?)");

        Assert.Equal(2, select.ParameterCount);
        Assert.Equal(DuckDbStatementType.Select, select.StatementType);
        Assert.Equal(DuckDbStatementType.Insert, insert.StatementType);
    }

    [Fact]
    public void ExecuteNonQuery_ReusedWithNewBindings_ReturnsRowsChangedEachTime()
    {
        using var insert = _connection.Prepare("INSERT INTO t SELECT i, $2 FROM range($1) r(i)");

        insert.BindAll([3L, "a"]);
        var first = insert.ExecuteNonQuery();
        insert.BindAll([5L, "b"]);
        var second = insert.ExecuteNonQuery();

        Assert.Equal(3, first);
        Assert.Equal(5, second);
        Assert.Equal(5L, _connection.Scalar<long>("SELECT count(*) FROM t WHERE s = 'b'"));
    }

    [Fact]
    public void ExecuteReader_ReaderOutlivesStatement_StillStreams()
    {
        DuckDbDataReader reader;
        using (var statement = _connection.Prepare("SELECT * FROM range($1)"))
        {
            statement.Bind(1, 5000);
            reader = statement.ExecuteReader();
        }

        using (reader)
        {
            long sum = 0;
            while (reader.Read())
            {
                sum += reader.GetInt64(0);
            }

            Assert.Equal(4999L * 5000 / 2, sum);
        }
    }

    [Fact]
    public void Bind_IndexBeyondParameters_ThrowsDuckDbExceptionWithDuckDbText()
    {
        using var statement = _connection.Prepare("SELECT $1::INTEGER");

        var error = Assert.Throws<DuckDbException>(() => statement.Bind(2, 1));

        Assert.Equal("Invalid Input Error: Can not bind to parameter number 2, statement only has 1 parameter(s)", error.Message);
        Assert.Equal(DuckDbErrorType.InvalidInput, error.ErrorType);
    }

    [Fact]
    public void ExecuteReader_MissingParameter_ThrowsDuckDbExceptionWithDuckDbText()
    {
        using var statement = _connection.Prepare("SELECT $1::INTEGER + $2::INTEGER");
        statement.BindAll([1]);

        var error = Assert.Throws<DuckDbException>(() => statement.ExecuteReader());

        Assert.Contains("Values were not provided for the following prepared statement parameters: 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Query_TooManyParameters_ThrowsDuckDbException()
    {
        var error = Assert.Throws<DuckDbException>(() => _connection.Query("SELECT $1::INTEGER", 1, 2));

        Assert.Contains("statement only has 1 parameter(s)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_UnsupportedDotNetType_ThrowsArgumentExceptionNamingIndexAndType()
    {
        using var statement = _connection.Prepare("SELECT $1, $2, $3");

        var error = Assert.Throws<ArgumentException>(() => statement.Bind(3, new Uri("https://example.com")));

        Assert.Contains("Parameter 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("System.Uri", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_LocalDateTime_IsRefused()
    {
        using var statement = _connection.Prepare("SELECT $1::TIMESTAMP");

        var error = Assert.Throws<ArgumentException>(() => statement.Bind(1, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Local)));

        Assert.Contains("Local", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ClearBindings_AfterBind_ExecutionReportsMissingValue()
    {
        using var statement = _connection.Prepare("SELECT $1::INTEGER");
        statement.Bind(1, 5);

        statement.ClearBindings();

        Assert.Throws<DuckDbException>(() => statement.ExecuteNonQuery());
    }

    [Fact]
    public void Dispose_Twice_ThenUse_ThrowsObjectDisposedException()
    {
        var statement = _connection.Prepare("SELECT 1");
        statement.Dispose();
        statement.Dispose();

        Assert.Throws<ObjectDisposedException>(() => statement.Bind(1, 1));
        Assert.Throws<ObjectDisposedException>(() => statement.ExecuteReader());
        Assert.Throws<ObjectDisposedException>(() => statement.ExecuteNonQuery());
    }
}
