using System.Runtime.InteropServices;

namespace Pipeline.DuckDb.Native;

/// <summary>Owns a duckdb_prepared_statement and keeps its connection alive until it is destroyed.</summary>
internal sealed class PreparedStatementHandle : SafeHandle
{
    private readonly ConnectionHandle _connection;

    private PreparedStatementHandle(nint statement, ConnectionHandle connection)
        : base(0, ownsHandle: true)
    {
        _connection = connection;
        SetHandle(statement);
    }

    private delegate DuckDbState PrepareCall(out nint statement);

    public override bool IsInvalid => handle == 0;

    /// <summary>Prepares <paramref name="sql"/>; throws <see cref="DuckDbException"/> with DuckDB's message on failure.</summary>
    public static PreparedStatementHandle Prepare(ConnectionHandle connection, string sql) =>
        Create(connection, (out nint statement) => NativeMethods.duckdb_prepare(connection, sql, out statement));

    /// <summary>Prepares statement <paramref name="index"/> of an extracted multi-statement text.</summary>
    public static PreparedStatementHandle PrepareExtracted(
        ConnectionHandle connection, ExtractedStatementsHandle statements, int index) =>
        Create(connection, (out nint statement) => NativeMethods.duckdb_prepare_extracted_statement(
            connection, statements, (ulong)index, out statement));

    private static PreparedStatementHandle Create(ConnectionHandle connection, PrepareCall prepare)
    {
        var added = false;
        connection.DangerousAddRef(ref added);
        try
        {
            var state = prepare(out var statement);
            if (statement == 0)
            {
                throw new DuckDbException("DuckDB failed to prepare the statement.");
            }

            // The handle now owns the reference taken above, even when preparing failed.
            added = false;
            var handle = new PreparedStatementHandle(statement, connection);
            if (state != DuckDbState.Success)
            {
                var message = NativeMethods.ReadBorrowed(NativeMethods.duckdb_prepare_error(handle));
                handle.Dispose();
                throw DuckDbException.FromMessage(message ?? "DuckDB failed to prepare the statement.");
            }

            return handle;
        }
        finally
        {
            if (added)
            {
                connection.DangerousRelease();
            }
        }
    }

    protected override bool ReleaseHandle()
    {
        var statement = handle;
        NativeMethods.duckdb_destroy_prepare(ref statement);
        _connection.DangerousRelease();
        return true;
    }
}
