using Pipeline.DuckDb.Native;

namespace Pipeline.DuckDb;

/// <summary>The statements of a multi-statement text (duckdb_extract_statements), prepared one at a time.</summary>
internal sealed class ExtractedStatements : IDisposable
{
    private readonly ConnectionHandle _connection;
    private readonly ExtractedStatementsHandle _handle;

    private ExtractedStatements(ConnectionHandle connection, ExtractedStatementsHandle handle, int count)
    {
        _connection = connection;
        _handle = handle;
        Count = count;
    }

    public int Count { get; }

    public static ExtractedStatements Extract(ConnectionHandle connection, string sql)
    {
        var count = NativeMethods.duckdb_extract_statements(connection, sql, out var handle);
        if (count == 0)
        {
            var error = handle.IsInvalid ? null : NativeMethods.ReadBorrowed(NativeMethods.duckdb_extract_statements_error(handle));
            if (error is not null)
            {
                handle.Dispose();
                throw DuckDbException.FromMessage(error);
            }
        }

        return new ExtractedStatements(connection, handle, checked((int)count));
    }

    public PreparedStatementHandle Prepare(int index) => PreparedStatementHandle.PrepareExtracted(_connection, _handle, index);

    public void Dispose() => _handle.Dispose();
}
