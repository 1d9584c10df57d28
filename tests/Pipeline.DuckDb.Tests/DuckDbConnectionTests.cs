using System.Collections.Concurrent;

namespace Pipeline.DuckDb.Tests;

public sealed class DuckDbConnectionTests : IDisposable
{
    private readonly DuckDbDatabase _database = DuckDbDatabase.Open();
    private readonly DuckDbConnection _connection;

    public DuckDbConnectionTests()
    {
        _connection = _database.Connect();
    }

    public void Dispose()
    {
        _connection.Dispose();
        _database.Dispose();
    }

    [Fact]
    public void Execute_MultipleStatements_RunsAllAndReturnsRowsChangedOfLast()
    {
        var changed = _connection.Execute(
            "CREATE TABLE t(i INTEGER); INSERT INTO t SELECT * FROM range(10); UPDATE t SET i = i + 1 WHERE i < 3;");

        Assert.Equal(3, changed);
        Assert.Equal(48L, _connection.Scalar<long>("SELECT sum(i) FROM t"));
    }

    [Fact]
    public void Execute_FailingStatement_EarlierStatementsStayApplied()
    {
        Assert.Throws<DuckDbException>(() => _connection.Execute("CREATE TABLE kept(i INTEGER); SELECT * FROM missing_table"));

        Assert.Equal(0L, _connection.Scalar<long>("SELECT count(*) FROM kept"));
    }

    [Fact]
    public void Execute_EmptyText_ReturnsZero()
    {
        Assert.Equal(0, _connection.Execute("  ;  "));
    }

    [Fact]
    public void Query_Parameters_AreBoundNotConcatenated()
    {
        _connection.Execute("CREATE TABLE people(name VARCHAR)");
        const string hostile = "x'); DROP TABLE people; --";

        using (var insert = _connection.Prepare("INSERT INTO people VALUES ($1)"))
        {
            insert.Bind(1, hostile);
            Assert.Equal(1, insert.ExecuteNonQuery());
        }

        Assert.Equal(hostile, _connection.Scalar<string>("SELECT name FROM people WHERE name = $1", hostile));
    }

    [Fact]
    public void Scalar_NoRowsOrNull_ReturnsDefault()
    {
        Assert.Equal(0, _connection.Scalar<int>("SELECT 1 WHERE false"));
        Assert.Null(_connection.Scalar<int?>("SELECT NULL::INTEGER"));
        Assert.Null(_connection.Scalar<string>("SELECT NULL::VARCHAR"));
        Assert.Equal(7, _connection.Scalar<int?>("SELECT $1 + 2", 5));
    }

    [Fact]
    public void Query_SecondStreamOnSameConnection_InvalidatesFirstWithDuckDbError()
    {
        using var first = _connection.Query("SELECT * FROM range(100000)");
        Assert.True(first.Read());

        using (var second = _connection.Query("SELECT 1"))
        {
            Assert.True(second.Read());
        }

        var error = Assert.Throws<DuckDbException>(() => { while (first.Read()) { } });
        Assert.Contains("closed", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Connect_EightThreadsInParallel_AllInsertsAndReadsAreExact()
    {
        _connection.Execute("CREATE TABLE events(thread INTEGER, n INTEGER)");
        var perThreadSums = new ConcurrentDictionary<int, long>();

        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, thread =>
        {
            using var connection = _database.Connect();
            using var insert = connection.Prepare("INSERT INTO events VALUES ($1, $2)");
            for (var n = 1; n <= 250; n++)
            {
                insert.BindAll([thread, n]);
                insert.ExecuteNonQuery();
            }

            perThreadSums[thread] = connection.Scalar<long>("SELECT sum(n) FROM events WHERE thread = $1", thread);
        });

        Assert.Equal(8, perThreadSums.Count);
        Assert.All(perThreadSums.Values, sum => Assert.Equal(250L * 251 / 2, sum));
        Assert.Equal(2000L, _connection.Scalar<long>("SELECT count(*) FROM events"));
        Assert.Equal(8L * 250 * 251 / 2, _connection.Scalar<long>("SELECT sum(n) FROM events"));
    }

    [Fact]
    public void Dispose_Twice_ThenUse_ThrowsObjectDisposedException()
    {
        var connection = _database.Connect();
        connection.Dispose();
        connection.Dispose();

        Assert.Throws<ObjectDisposedException>(() => connection.Execute("SELECT 1"));
        Assert.Throws<ObjectDisposedException>(() => connection.Prepare("SELECT 1"));
        Assert.Throws<ObjectDisposedException>(() => connection.Query("SELECT 1"));
        connection.Interrupt();
    }
}
