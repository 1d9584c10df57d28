namespace Pipeline.DuckDb.Tests.Native.Handles;

public sealed class HandleLifetimeTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public static TheoryData<string> DisposalOrders()
    {
        var orders = new TheoryData<string>();
        foreach (var order in Permutations("DCSR"))
        {
            orders.Add(order);
        }

        return orders;
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>D = database, C = connection, S = statement, R = reader.</summary>
    [Theory]
    [MemberData(nameof(DisposalOrders))]
    public void Dispose_AnyOrder_KeepsLiveObjectsWorkingAndClosesTheFileAtTheEnd(string order)
    {
        var path = _folder.File($"{order}.duckdb");
        var database = DuckDbDatabase.Open(path);
        var connection = database.Connect();
        connection.Execute("CREATE TABLE t AS SELECT * FROM range(5000) r(i)");
        var statement = connection.Prepare("SELECT i FROM t ORDER BY i");
        var reader = statement.ExecuteReader();
        Assert.True(reader.Read());
        var expected = 0L;
        IDisposable Pick(char c) => c switch { 'D' => database, 'C' => connection, 'S' => statement, _ => reader };

        foreach (var item in order)
        {
            Pick(item).Dispose();
            if (order.IndexOf(item, StringComparison.Ordinal) < order.IndexOf('R', StringComparison.Ordinal))
            {
                Assert.Equal(expected++, reader.GetInt64(0));
                Assert.True(reader.Read());
            }
        }

        foreach (var item in order)
        {
            Pick(item).Dispose();
        }

        Assert.Equal(0, OpenFiles.CountFor(path));
        Assert.Throws<ObjectDisposedException>(() => database.Connect());
        Assert.Throws<ObjectDisposedException>(() => connection.Execute("SELECT 1"));
        Assert.Throws<ObjectDisposedException>(() => statement.Bind(1, 1));
        Assert.Throws<ObjectDisposedException>(() => reader.Read());
        File.Delete(path);
        using var reopened = DuckDbDatabase.Open(path);
        using var fresh = reopened.Connect();
        Assert.Equal(0L, fresh.Scalar<long>("SELECT count(*) FROM duckdb_tables()"));
    }

    private static IEnumerable<string> Permutations(string items) =>
        items.Length <= 1
            ? [items]
            : items.SelectMany((c, i) => Permutations(items.Remove(i, 1)).Select(rest => c + rest));
}
