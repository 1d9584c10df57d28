using System.Diagnostics;

namespace Pipeline.DuckDb.Tests.Native.Handles;

[Collection(IsolatedCollection.Name)]
public sealed class HandleLeakTests
{
    private const long AllowedGrowth = 32L * 1024 * 1024;

    [Fact]
    public void PrepareExecuteDispose_TenThousandTimes_ProcessMemoryStaysFlat()
    {
        using var database = DuckDbDatabase.Open();
        using var connection = database.Connect();
        connection.Execute("CREATE TABLE t AS SELECT i, 'value number ' || i AS s FROM range(3000) r(i)");
        void Cycle(int times)
        {
            for (var i = 0; i < times; i++)
            {
                using var statement = connection.Prepare("SELECT i, s, [i, i + 1] AS l FROM t WHERE i >= $1 AND i < $1 + 10");
                statement.Bind(1, i % 100);
                using var reader = statement.ExecuteReader();
                var rows = 0;
                while (reader.Read())
                {
                    Assert.Equal((long)(i % 100) + rows++, reader.GetInt64(0));
                    Assert.NotNull(reader.GetValue(2));
                }

                Assert.Equal(10, rows);
            }
        }

        Cycle(3000);
        var before = ProcessMemory();
        Cycle(10_000);
        var after = ProcessMemory();

        Assert.True(after - before < AllowedGrowth, $"process memory grew by {(after - before) / 1024 / 1024} MB");
    }

    [Fact]
    public void OpenConnectQueryDispose_ThousandsOfConnections_ProcessMemoryStaysFlat()
    {
        using var database = DuckDbDatabase.Open();
        void Cycle(int times)
        {
            for (var i = 0; i < times; i++)
            {
                using var connection = database.Connect();
                Assert.Equal(i, connection.Scalar<int>("SELECT $1::INTEGER", i));
            }
        }

        Cycle(500);
        var before = ProcessMemory();
        Cycle(5000);
        var after = ProcessMemory();

        Assert.True(after - before < AllowedGrowth, $"process memory grew by {(after - before) / 1024 / 1024} MB");
    }

    private static long ProcessMemory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        return process.PrivateMemorySize64;
    }
}
