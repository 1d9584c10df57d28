using Pipeline.Core.Datasets;
using Pipeline.Spark.Engine;
using Pipeline.Spark.Tests.Support;

namespace Pipeline.Spark.Tests.Engine;

public sealed class DedupeTests : IDisposable
{
    readonly TempFolder _folder = new();
    readonly Lake _lake = new();

    static DatasetSpec Orders() => Specs.Spec(new DatasetDefinition
    {
        Format = "csv",
        Schema = new() { ["order_id"] = "INTEGER", ["amount"] = "DECIMAL(10,2)" },
        PrimaryKey = ["order_id"],
        PartitionBy = ["month(placed_at)"],
    }, "orders");

    [Fact]
    public async Task RunAsync_KeyInTwoFiles_LaterArrivalWins()
    {
        var older = _folder.Write("a.csv", "order_id,amount,placed_at\n1,10.00,2024-01-05 10:00:00\n2,20.00,2024-01-06 10:00:00\n");
        var newer = _folder.Write("b.csv", "order_id,amount,placed_at\n2,25.00,2024-02-01 09:00:00\n3,30.00,2024-02-02 09:00:00\n");
        var request = Specs.Request(Orders(), _folder, [older, newer]);

        var result = await new DuckDbTransformEngine().RunAsync(request);

        Assert.Equal((4, 3, 0), (result.RowsIn, result.RowsWritten, result.RowsQuarantined));
        Assert.Equal(["1|10.00|2024-01|raw/orders/a.csv", "2|25.00|2024-02|raw/orders/b.csv", "3|30.00|2024-02|raw/orders/b.csv"],
            _lake.Lines($"SELECT order_id, amount, placed_at_month, _source_file FROM {Lake.Parquet(request.OutputDir)} ORDER BY order_id"));
    }

    [Fact]
    public async Task RunAsync_ArrivalSequenceOutOfListOrder_HigherSequenceWins()
    {
        var first = _folder.Write("a.csv", "order_id,amount,placed_at\n7,1.00,2024-01-05 10:00:00\n");
        var second = _folder.Write("b.csv", "order_id,amount,placed_at\n7,2.00,2024-01-05 10:00:00\n");
        var request = Specs.Request(Orders(), _folder, [first, second]);
        request = request with { Files = [request.Files[0] with { ArrivalSequence = 9 }, request.Files[1] with { ArrivalSequence = 3 }] };

        await new DuckDbTransformEngine().RunAsync(request);

        Assert.Equal("1.00", _lake.Value($"SELECT amount FROM {Lake.Parquet(request.OutputDir)}"));
    }

    [Fact]
    public async Task RunAsync_KeyTwiceInOneFile_LaterRowWins()
    {
        var rows = string.Concat(Enumerable.Range(0, 5000).Select(i => $"{i % 10},{i}.00,2024-03-01 00:00:00\n"));
        var request = Specs.Request(Orders(), _folder, [_folder.Write("a.csv", "order_id,amount,placed_at\n" + rows)]);

        var result = await new DuckDbTransformEngine().RunAsync(request);

        Assert.Equal((5000, 10), (result.RowsIn, result.RowsWritten));
        Assert.Equal(Enumerable.Range(4990, 10).Select(i => $"{i % 10}|{i}.00"),
            _lake.Lines($"SELECT order_id, amount FROM {Lake.Parquet(request.OutputDir)} ORDER BY order_id"));
    }

    [Fact]
    public async Task RunAsync_KeyMissing_QuarantinesRow()
    {
        var request = Specs.Request(Orders(), _folder, [_folder.Write("a.csv", "order_id,amount,placed_at\n,5.00,2024-01-05 10:00:00\n1,1.00,2024-01-05 10:00:00\n")]);

        var result = await new DuckDbTransformEngine().RunAsync(request);

        Assert.Equal((2, 1, 1), (result.RowsIn, result.RowsWritten, result.RowsQuarantined));
        Assert.Equal("primary key order_id is NULL", _lake.Value($"SELECT _reason FROM {Lake.Json(request.QuarantineDir)}"));
    }

    public void Dispose()
    {
        _lake.Dispose();
        _folder.Dispose();
    }
}
