namespace Pipeline.DuckDb.Tests;

/// <summary>A fresh in-memory database with one open connection, for tests that only need to run SQL.</summary>
public abstract class InMemoryDatabase : IDisposable
{
    protected InMemoryDatabase()
    {
        Database = DuckDbDatabase.Open();
        Connection = Database.Connect();
    }

    protected DuckDbDatabase Database { get; }

    protected DuckDbConnection Connection { get; }

    public void Dispose()
    {
        Connection.Dispose();
        Database.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The single value of a one-row, one-column query.</summary>
    protected object? Single(string sql, params object?[] parameters)
    {
        using var reader = Connection.Query(sql, parameters);
        Assert.True(reader.Read());
        var value = reader.GetValue(0);
        Assert.False(reader.Read());
        return value;
    }
}
