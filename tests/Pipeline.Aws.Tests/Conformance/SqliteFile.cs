using Microsoft.Data.Sqlite;
using Pipeline.Silo.State;

namespace Pipeline.Aws.Tests.Conformance;

/// <summary>A SQLite file in a temp folder, deleted after each test (pooled connections closed first, or the file stays open).</summary>
public sealed class SqliteFile : IDisposable
{
    readonly TempFolder folder = new();

    public SqliteFile() => Store = new SqliteStore(folder.Path);

    public SqliteStore Store { get; }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        folder.Dispose();
    }
}
