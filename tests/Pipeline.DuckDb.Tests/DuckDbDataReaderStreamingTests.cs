namespace Pipeline.DuckDb.Tests;

[Collection(IsolatedCollection.Name)]
public sealed class DuckDbDataReaderStreamingTests
{
    private const long Rows = 10_000_000;

    [Fact]
    public void Read_TenMillionRows_StreamsExactlyWithBoundedMemory()
    {
        using var database = DuckDbDatabase.Open(config: new DuckDbConfig { MemoryLimit = "512MB" });
        using var connection = database.Connect();
        using var observer = database.Connect();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        long sum = 0, count = 0, stringBytes = 0;
        double doubles = 0;
        long duckDbBytesMidway = 0;

        using (var reader = connection.Query("SELECT i, 'row-' || i, i * 1.5 FROM range(10000000) t(i)"))
        {
            while (reader.Read())
            {
                sum += reader.GetInt64(0);
                stringBytes += reader.GetString(1).Length;
                doubles += reader.GetDouble(2);
                if (++count == Rows / 2)
                {
                    duckDbBytesMidway = observer.Scalar<long>("SELECT sum(memory_usage_bytes) FROM duckdb_memory()");
                }
            }
        }

        var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        Assert.Equal(Rows, count);
        Assert.Equal(Rows * (Rows - 1) / 2, sum);
        Assert.Equal(1.5 * Rows * (Rows - 1) / 2, doubles);
        Assert.Equal(Enumerable.Range(0, 7).Sum(d => (long)(5 + d) * CountOfNumbersWithDigits(d)), stringBytes);
        Assert.True(heapAfter - heapBefore < 64L * 1024 * 1024, $"managed heap grew by {(heapAfter - heapBefore) / 1024 / 1024} MB");
        Assert.True(duckDbBytesMidway < 128L * 1024 * 1024, $"DuckDB held {duckDbBytesMidway / 1024 / 1024} MB mid-stream");
    }

    // Numbers 0..9,999,999 with d + 1 digits: 10 with one digit (0-9), then 90, 900, ...
    private static long CountOfNumbersWithDigits(int d) => d == 0 ? 10 : 9 * (long)Math.Pow(10, d);
}
