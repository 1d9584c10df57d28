using System.Diagnostics;

namespace Pipeline.DuckDb.Tests;

[Collection(IsolatedCollection.Name)]
public sealed class DuckDbConnectionCancellationTests : IDisposable
{
    // Hours of work for DuckDB: only an interrupt ends it in time.
    private const string EndlessCount = "SELECT count(*) FROM range(1000000000) a, range(1000000000) b";
    private const string EndlessStream = "SELECT a.range FROM range(1000000000) a, range(1000000000) b WHERE a.range + b.range < 0";
    // For an interrupt to take effect: generous for a slow, loaded machine, still far short of the hours the queries take.
    private static readonly TimeSpan Allowed = TimeSpan.FromSeconds(20);

    private readonly DuckDbDatabase _database = DuckDbDatabase.Open();
    private readonly DuckDbConnection _connection;

    public DuckDbConnectionCancellationTests()
    {
        _connection = _database.Connect();
    }

    public void Dispose()
    {
        _connection.Dispose();
        _database.Dispose();
    }

    [Fact]
    public void Execute_TokenCancelledDuringLongQuery_ThrowsOperationCanceledQuickly()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var watch = Stopwatch.StartNew();

        var error = Assert.ThrowsAny<OperationCanceledException>(() => _connection.Execute(EndlessCount, cancellation.Token));

        Assert.True(watch.Elapsed < TimeSpan.FromMilliseconds(300) + Allowed, $"took {watch.Elapsed}");
        Assert.Equal(cancellation.Token, error.CancellationToken);
        Assert.Equal(1, _connection.Scalar<int>("SELECT 1"));
    }

    [Fact]
    public void Query_TokenCancelledWhileStreaming_ThrowsOperationCanceledQuickly()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var watch = Stopwatch.StartNew();

        Assert.ThrowsAny<OperationCanceledException>(() =>
        {
            using var reader = _connection.Query(EndlessStream, [], cancellation.Token);
            while (reader.Read())
            {
            }
        });

        Assert.True(watch.Elapsed < TimeSpan.FromMilliseconds(300) + Allowed, $"took {watch.Elapsed}");
        Assert.Equal(2, _connection.Scalar<int>("SELECT 2"));
    }

    [Fact]
    public void Read_TokenCancelledWhileRowsFlow_StopsAndLeavesReaderFinished()
    {
        using var cancellation = new CancellationTokenSource();
        using var reader = _connection.Query("SELECT * FROM range(1000000000000)", [], cancellation.Token);
        var rows = 0L;

        Assert.ThrowsAny<OperationCanceledException>(() =>
        {
            while (reader.Read())
            {
                if (++rows == 100_000)
                {
                    cancellation.Cancel();
                }
            }
        });

        Assert.InRange(rows, 100_000, 102_048);
        Assert.False(reader.Read());
        Assert.Throws<InvalidOperationException>(() => reader.GetValue(0));
    }

    [Fact]
    public void Interrupt_FromAnotherThread_StopsQueryWithInterruptError()
    {
        using var timer = new Timer(_ => _connection.Interrupt(), null, 300, Timeout.Infinite);
        var watch = Stopwatch.StartNew();

        var error = Assert.Throws<DuckDbException>(() => _connection.Execute(EndlessCount));

        Assert.True(watch.Elapsed < TimeSpan.FromMilliseconds(300) + Allowed, $"took {watch.Elapsed}");
        Assert.Equal(DuckDbErrorType.Interrupt, error.ErrorType);
        Assert.Contains("Interrupted", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Interrupt_WhenIdle_DoesNotAffectNextQuery()
    {
        _connection.Interrupt();

        Assert.Equal(3, _connection.Scalar<int>("SELECT 3"));
    }

    [Fact]
    public void Execute_TokenAlreadyCancelled_ThrowsWithoutRunning()
    {
        _connection.Execute("CREATE TABLE t(i INTEGER)");
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => _connection.Execute("INSERT INTO t VALUES (1)", cancellation.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => _connection.Query("SELECT * FROM t", [], cancellation.Token));

        Assert.Equal(0L, _connection.Scalar<long>("SELECT count(*) FROM t"));
    }
}
