using Pipeline.DuckDb.Configuration;
using Pipeline.DuckDb.Native;

namespace Pipeline.DuckDb;

/// <summary>
/// An open DuckDB database (a file or in-memory). Thread-safe: create one connection per thread with
/// <see cref="Connect"/>. Disposing it while connections are open is safe: the database closes natively when
/// the last connection is released.
/// </summary>
public sealed class DuckDbDatabase : IDisposable
{
    private const string InMemory = ":memory:";
    private readonly DatabaseHandle _handle;

    private DuckDbDatabase(DatabaseHandle handle, string path)
    {
        _handle = handle;
        Path = path;
    }

    /// <summary>The database file, or <c>:memory:</c>.</summary>
    public string Path { get; }

    /// <summary>The DuckDB library version, e.g. <c>v1.5.6</c>.</summary>
    public static string LibraryVersion => NativeMethods.ReadBorrowed(NativeMethods.duckdb_library_version()) ?? string.Empty;

    /// <summary>
    /// Opens (creating if needed) the database at <paramref name="path"/>; null or <c>:memory:</c> opens a new
    /// in-memory database. <paramref name="config"/> is applied before the database is usable, including the
    /// sandbox options (see <see cref="DuckDbConfig"/>).
    /// </summary>
    /// <exception cref="DuckDbException">DuckDB refused the path or an option (DuckDB's message).</exception>
    public static DuckDbDatabase Open(string? path = null, DuckDbConfig? config = null)
    {
        var target = string.IsNullOrEmpty(path) ? InMemory : path;
        var handle = DatabaseOpener.Open(target == InMemory ? null : target, config ?? new DuckDbConfig());
        return new DuckDbDatabase(handle, target);
    }

    /// <summary>Opens a new connection.</summary>
    /// <exception cref="ObjectDisposedException">The database was disposed.</exception>
    public DuckDbConnection Connect()
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        return new DuckDbConnection(ConnectionHandle.Open(_handle));
    }

    /// <summary>Releases the database; the native close waits for open connections to be disposed.</summary>
    public void Dispose() => _handle.Dispose();
}
