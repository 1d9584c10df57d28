using Pipeline.Spark.Engine;
using Pipeline.Spark.Tests.Support;

namespace Pipeline.Spark.Tests.Engine;

public sealed class CancellationTests : IDisposable
{
    readonly TempFolder _folder = new();

    [Fact]
    public async Task RunAsync_CancelledBeforeStart_ThrowsOperationCanceled()
    {
        var request = Specs.Request(Specs.Taxi(), _folder, [_folder.Write("a.csv", "vendor_id,pickup_datetime,fare_amount\n1,2024-01-01 00:00:00,1\n")]);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new DuckDbTransformEngine().RunAsync(request, new CancellationToken(true)));
    }

    [Fact]
    public async Task RunAsync_CancelledWhileRunning_InterruptsDuckDb()
    {
        var input = _folder["big.csv"];
        using (var lake = new Lake())
        {
            lake.Execute($"COPY (SELECT i % 3 AS vendor_id, TIMESTAMP '2024-01-01' + to_seconds(i) AS pickup_datetime, i / 100 AS fare_amount FROM range(2000000) t(i)) TO '{input}' (HEADER)");
        }

        // A primary key takes the staged path (insert, then a window over every row): seconds of work to interrupt.
        var request = Specs.Request(Specs.Taxi() with { PrimaryKey = ["pickup_datetime"] }, _folder, [input]);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var started = DateTime.UtcNow;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new DuckDbTransformEngine().RunAsync(request, cancel.Token));

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(20));
    }

    public void Dispose() => _folder.Dispose();
}
