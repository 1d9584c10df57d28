using Pipeline.Core.Transform;
using Pipeline.DuckDb;
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

    [Theory]
    [InlineData(DuckDbErrorType.OutOfMemory, true)]
    [InlineData(DuckDbErrorType.IO, true)]
    [InlineData(DuckDbErrorType.Conversion, false)]
    [InlineData(DuckDbErrorType.Binder, false)]
    public void Translate_ErrorType_SetsTransient(DuckDbErrorType type, bool transient)
    {
        var error = Assert.IsType<TransformException>(DuckDbFaults.Translate(new DuckDbException("boom", type), "Writing", CancellationToken.None));

        Assert.Equal(transient, error.Transient);
        Assert.Equal("Writing failed: boom", error.Message);
    }

    [Fact]
    public void Translate_Interrupt_IsCancellation() =>
        Assert.IsType<OperationCanceledException>(DuckDbFaults.Translate(new DuckDbException("INTERRUPT", DuckDbErrorType.Interrupt), "x", CancellationToken.None));
}
