using Pipeline.DuckDb.Binding;
using Pipeline.DuckDb.Native;

namespace Pipeline.DuckDb;

/// <summary>
/// A prepared statement: parsed and planned once, executed with typed parameters that never become SQL text.
/// Not thread-safe; the statement keeps its connection alive until it is disposed.
/// </summary>
public sealed class DuckDbPreparedStatement : IDisposable
{
    private readonly DuckDbConnection _connection;
    private readonly PreparedStatementHandle _handle;
    private readonly IReadOnlyList<string>? _columnNames;

    internal DuckDbPreparedStatement(
        DuckDbConnection connection, PreparedStatementHandle handle, IReadOnlyList<string>? columnNames = null)
    {
        _connection = connection;
        _handle = handle;
        _columnNames = columnNames;
        ParameterCount = checked((int)NativeMethods.duckdb_nparams(handle));
        StatementType = NativeMethods.duckdb_prepared_statement_type(handle);
    }

    /// <summary>Number of parameters ($1, ?, $name) the statement takes.</summary>
    public int ParameterCount { get; }

    /// <summary>What kind of statement this is.</summary>
    public DuckDbStatementType StatementType { get; }

    /// <summary>
    /// Binds <paramref name="value"/> to parameter <paramref name="index"/> (1-based). Supported: null, bool, all
    /// integer types, Int128, UInt128, BigInteger (HUGEINT range), decimal, float, double, string, byte[] /
    /// (ReadOnly)Memory&lt;byte&gt; (BLOB), DateOnly, TimeOnly, DateTime (TIMESTAMP; Kind Local is refused),
    /// DateTimeOffset (TIMESTAMPTZ at its UTC instant), Guid (UUID), TimeSpan and <see cref="DuckDbInterval"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The value's .NET type cannot be bound.</exception>
    /// <exception cref="DuckDbException">DuckDB refused the binding (e.g. no such parameter); DuckDB then
    /// considers the statement failed and it cannot be executed any more.</exception>
    public void Bind(int index, object? value)
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        ParameterBinder.Bind(_handle, index, value);
    }

    /// <summary>Clears earlier bindings, then binds <paramref name="values"/> to parameters 1..n.</summary>
    public void BindAll(IReadOnlyList<object?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        ClearBindings();
        for (var i = 0; i < values.Count; i++)
        {
            Bind(i + 1, values[i]);
        }
    }

    /// <summary>Removes all bound values.</summary>
    public void ClearBindings()
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        if (NativeMethods.duckdb_clear_bindings(_handle) != DuckDbState.Success)
        {
            throw DuckDbException.FromMessage(
                NativeMethods.ReadBorrowed(NativeMethods.duckdb_prepare_error(_handle)) ?? "DuckDB could not clear the bindings.");
        }
    }

    /// <summary>Executes the statement and returns the number of rows it changed (0 for other statements).</summary>
    public long ExecuteNonQuery(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        using var registration = _connection.RegisterInterrupt(cancellationToken);
        using var result = ResultHandle.Allocate(_handle);
        if (NativeMethods.duckdb_execute_prepared(_handle, result) != DuckDbState.Success)
        {
            ResultErrors.ThrowFailed(result, cancellationToken);
        }

        cancellationToken.ThrowIfCancellationRequested();
        return (long)NativeMethods.duckdb_rows_changed(result);
    }

    /// <summary>
    /// Executes the statement as a streaming query. The reader may outlive this statement object. A connection
    /// streams one result at a time: running another statement on it invalidates an open reader.
    /// </summary>
    public DuckDbDataReader ExecuteReader(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        var registration = _connection.RegisterInterrupt(cancellationToken);
        var result = ResultHandle.Allocate(_handle);
        try
        {
            if (NativeMethods.duckdb_execute_prepared_streaming(_handle, result) != DuckDbState.Success)
            {
                ResultErrors.ThrowFailed(result, cancellationToken);
            }

            cancellationToken.ThrowIfCancellationRequested();
            return new DuckDbDataReader(result, _columnNames, registration, cancellationToken);
        }
        catch
        {
            registration.Dispose();
            result.Dispose();
            throw;
        }
    }

    /// <summary>Destroys the native statement once no reader uses it any more.</summary>
    public void Dispose() => _handle.Dispose();
}
