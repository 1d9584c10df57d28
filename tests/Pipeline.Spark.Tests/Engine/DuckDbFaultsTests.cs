using DuckDB.NET.Data;
using Pipeline.Core.Transform;
using Pipeline.Spark.DuckDb;
using Pipeline.Spark.Engine;

namespace Pipeline.Spark.Tests.Engine;

public sealed class DuckDbFaultsTests
{
    [Fact]
    public void Clean_SnifferMessage_KeepsTheFirstLinesOnly()
    {
        const string message = "Invalid Input Error: Error when sniffing file \"/x/junk.csv\".\nIt was not possible to automatically detect the CSV parsing dialect\n" +
            "The search space used was:\nDelimiter Candidates: ','\nPossible fixes:\n* Set delim\n\nLINE 1: DESCRIBE SELECT * FROM read_csv(...)\n  ^";

        Assert.Equal("Invalid Input Error: Error when sniffing file \"/x/junk.csv\".\nIt was not possible to automatically detect the CSV parsing dialect",
            DuckDbFaults.Clean(message));
    }

    // Real DuckDB errors: the category of some comes from DuckDB.NET, of others (raised while preparing) from the message.
    [Theory]
    [InlineData("SET memory_limit = '2MB'; SELECT list(range) FROM range(20000000)", true)]
    [InlineData("SELECT * FROM read_csv('/nonexistent/pipeline/x.csv')", true)]
    [InlineData("SELECT 'x'::INTEGER", false)]
    [InlineData("SELECT no_such_column", false)]
    public void Translate_RealError_SetsTransient(string sql, bool transient)
    {
        using var connection = DuckDbOpen.Plain();
        var failure = Assert.Throws<DuckDBException>(() => connection.Execute(sql));

        var error = Assert.IsType<TransformException>(DuckDbFaults.Translate(failure, "Writing", CancellationToken.None));

        Assert.Equal(transient, error.Transient);
        Assert.StartsWith("Writing failed: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LINE 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Translate_InterruptedStatement_IsCancellation()
    {
        using var connection = DuckDbOpen.Plain();
        using var cancel = new CancellationTokenSource();
        var running = Task.Run(() => connection.Execute("SELECT count(*) FROM range(100000000000) a", cancel.Token));
        await Task.Delay(200);
        cancel.Cancel();

        var failure = await Record.ExceptionAsync(() => running);

        var translated = failure is DuckDBException duck ? DuckDbFaults.Translate(duck, "x", cancel.Token) : failure;
        Assert.IsAssignableFrom<OperationCanceledException>(translated);
    }
}
