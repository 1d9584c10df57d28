using System.Runtime.InteropServices;

namespace Pipeline.DuckDb.Native;

/// <summary>Owns a duckdb_connection and keeps its database alive until duckdb_disconnect has run.</summary>
internal sealed class ConnectionHandle : SafeHandle
{
    private readonly DatabaseHandle _database;

    private ConnectionHandle(nint connection, DatabaseHandle database)
        : base(0, ownsHandle: true)
    {
        _database = database;
        SetHandle(connection);
    }

    public override bool IsInvalid => handle == 0;

    public static ConnectionHandle Open(DatabaseHandle database)
    {
        var added = false;
        database.DangerousAddRef(ref added);
        try
        {
            if (NativeMethods.duckdb_connect(database, out var connection) != DuckDbState.Success)
            {
                throw new DuckDbException("Failed to connect to the DuckDB database.", DuckDbErrorType.Connection);
            }

            added = false;
            return new ConnectionHandle(connection, database);
        }
        finally
        {
            if (added)
            {
                database.DangerousRelease();
            }
        }
    }

    protected override bool ReleaseHandle()
    {
        var connection = handle;
        NativeMethods.duckdb_disconnect(ref connection);
        _database.DangerousRelease();
        return true;
    }
}
