using DuckDB.NET.Data;
using DuckDB.NET.Native;
using Pipeline.Spark.DuckDb;
using Pipeline.Spark.Engine;
using Pipeline.Spark.Tests.Support;

namespace Pipeline.Spark.Tests.Engine;

public sealed class EngineDatabaseTests : IDisposable
{
    readonly TempFolder _folder = new();

    [Fact]
    public void Open_Request_ReadsInputsButNothingOutsideTheRun()
    {
        var input = _folder.Write("raw/a.csv", "id\n1\n");
        var outside = _folder.Write("elsewhere/secret.csv", "id\n2\n");
        var request = Specs.Request(Specs.Taxi(), _folder, [input]);

        using var connection = EngineDatabase.Open(request, tempDirectory: null);

        Assert.Equal(1L, connection.Scalar<long>($"SELECT count(*) FROM read_csv('{input}')"));
        var error = Assert.Throws<DuckDBException>(() => connection.Scalar<long>($"SELECT count(*) FROM read_csv('{outside}')"));
        Assert.Equal(DuckDBErrorType.Permission, error.Category());
        Assert.Throws<DuckDBException>(() => connection.Execute("SET enable_external_access = true"));
    }

    public void Dispose() => _folder.Dispose();
}
