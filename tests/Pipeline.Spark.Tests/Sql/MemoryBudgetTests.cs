using Pipeline.Core.Datasets;
using Pipeline.Spark.Sql;
using Pipeline.Spark.Tests.Support;

namespace Pipeline.Spark.Tests.Sql;

public sealed class MemoryBudgetTests
{
    static MemoryBudget Of(string? limit, int? threads)
    {
        using var folder = new TempFolder();
        var request = Specs.Request(Specs.Spec(new DatasetDefinition { Format = "csv" }), folder, ["a.csv"]) with { MemoryLimit = limit, Threads = threads };
        return MemoryBudget.Of(request);
    }

    [Theory]
    [InlineData("64MB", 64_000_000L)]
    [InlineData("1.5 GiB", 1_610_612_736L)]
    [InlineData("512kb", 512_000L)]
    [InlineData("2GB", 2_000_000_000L)]
    [InlineData("nonsense", null)]
    [InlineData("-1", null)]
    [InlineData(null, null)]
    public void Parse_DuckDbSizeText_ReadsBytes(string? text, long? bytes) => Assert.Equal(bytes, MemoryBudget.Parse(text));

    [Fact]
    public void Of_NoLimit_KeepsDuckDbDefaults()
    {
        var budget = Of(null, 8);

        Assert.Equal((false, 8, null, null, null), (budget.IsTight, budget.Threads, budget.CsvBufferSize, budget.RowGroupBytes, budget.MaxOpenPartitionFiles));
    }

    [Fact]
    public void Of_GigabytesPerThread_KeepsDuckDbDefaults()
    {
        var budget = Of("4GB", 2);

        Assert.Equal((false, 2, null, null, null), (budget.IsTight, budget.Threads, budget.CsvBufferSize, budget.RowGroupBytes, budget.MaxOpenPartitionFiles));
    }

    [Fact]
    public void Of_64Megabytes_OneThreadWithSmallBuffers()
    {
        var budget = Of("64MB", 2);

        Assert.Equal((true, 1, 4_000_000L, 8_000_000L, 4), (budget.IsTight, budget.Threads, budget.CsvBufferSize, budget.RowGroupBytes, budget.MaxOpenPartitionFiles));
    }

    [Fact]
    public void Of_TinyLimit_NeverGoesBelowALineOrARowGroupMinimum()
    {
        var budget = Of("8MB", 4);

        Assert.Equal((1, 2_000_000L, 1L << 20, 3), (budget.Threads, budget.CsvBufferSize, budget.RowGroupBytes, budget.MaxOpenPartitionFiles));
    }
}
