using Pipeline.DuckDb.Native;
using Pipeline.DuckDb.Reading;

namespace Pipeline.DuckDb;

/// <summary>
/// A connection to a <see cref="DuckDbDatabase"/>. Use one connection per thread; connections of one database may
/// run in parallel. The connection keeps its database alive until it is disposed.
/// </summary>
public sealed class DuckDbConnection : IDisposable
{
    private readonly ConnectionHandle _handle;

    internal DuckDbConnection(ConnectionHandle handle)
    {
        _handle = handle;
    }

    /// <summary>
    /// Runs one or more ';'-separated statements in order and returns the rows changed by the last one.
    /// Cancelling <paramref name="cancellationToken"/> interrupts the running statement.
    /// </summary>
    /// <exception cref="DuckDbException">A statement failed; earlier statements stay executed.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public long Execute(string sql, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sql);
        ThrowIfDisposed();
        using var statements = ExtractedStatements.Extract(_handle, sql);
        long changed = 0;
        for (var i = 0; i < statements.Count; i++)
        {
            using var statement = new DuckDbPreparedStatement(this, statements.Prepare(i));
            changed = statement.ExecuteNonQuery(cancellationToken);
        }

        return changed;
    }

    /// <summary>Prepares a single statement for binding and execution.</summary>
    /// <exception cref="DuckDbException">The SQL does not parse or bind (DuckDB's message).</exception>
    public DuckDbPreparedStatement Prepare(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        ThrowIfDisposed();
        var handle = PreparedStatementHandle.Prepare(_handle, sql);
        try
        {
            if (CastFallback.Plan(handle, sql) is not { } fallback)
            {
                return new DuckDbPreparedStatement(this, handle);
            }

            PreparedStatementHandle rewritten;
            try
            {
                rewritten = PreparedStatementHandle.Prepare(_handle, fallback.Sql);
            }
            catch (DuckDbException)
            {
                // Text the wrapper cannot enclose (e.g. a comment after the final ';'): keep the original statement.
                return new DuckDbPreparedStatement(this, handle);
            }

            handle.Dispose();
            handle = rewritten;
            return new DuckDbPreparedStatement(this, handle, fallback.Names);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Prepares <paramref name="sql"/>, binds <paramref name="parameters"/> to $1..$n and streams the result.</summary>
    public DuckDbDataReader Query(string sql, params object?[] parameters) =>
        Query(sql, parameters, CancellationToken.None);

    /// <summary>Prepares <paramref name="sql"/>, binds <paramref name="parameters"/> to $1..$n and streams the result.</summary>
    public DuckDbDataReader Query(string sql, IReadOnlyList<object?> parameters, CancellationToken cancellationToken)
    {
        using var statement = Prepare(sql);
        statement.BindAll(parameters ?? []);
        return statement.ExecuteReader(cancellationToken);
    }

    /// <summary>The first column of the first row converted to <typeparamref name="T"/>, or default when there is no row or it is NULL.</summary>
    public T? Scalar<T>(string sql, params object?[] parameters)
    {
        using var reader = Query(sql, parameters);
        return reader.Read() && !reader.IsDBNull(0) ? reader.GetFieldValue<T>(0) : default;
    }

    /// <summary>
    /// Splits a multi-statement text and classifies each statement. Each one is prepared (bound against the
    /// current catalog, nothing is executed), so a statement that depends on an earlier one of the same text
    /// (e.g. a table it creates) fails here.
    /// </summary>
    /// <exception cref="DuckDbException">The text does not parse or a statement does not prepare.</exception>
    public IReadOnlyList<DuckDbStatementInfo> ExtractStatements(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        ThrowIfDisposed();
        using var statements = ExtractedStatements.Extract(_handle, sql);
        var infos = new DuckDbStatementInfo[statements.Count];
        for (var i = 0; i < infos.Length; i++)
        {
            using var statement = new DuckDbPreparedStatement(this, statements.Prepare(i));
            infos[i] = new DuckDbStatementInfo(i, statement.StatementType, statement.ParameterCount);
        }

        return infos;
    }

    /// <summary>Asks DuckDB to stop the query running on this connection (duckdb_interrupt); safe from any thread.</summary>
    public void Interrupt()
    {
        try
        {
            NativeMethods.duckdb_interrupt(_handle);
        }
        catch (ObjectDisposedException)
        {
            // Nothing is running on a connection that is gone.
        }
    }

    /// <summary>Closes the connection once no statement or reader uses it any more.</summary>
    public void Dispose() => _handle.Dispose();

    internal CancellationTokenRegistration RegisterInterrupt(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return cancellationToken.CanBeCanceled ? cancellationToken.UnsafeRegister(static c => ((DuckDbConnection)c!).Interrupt(), this) : default;
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
}
