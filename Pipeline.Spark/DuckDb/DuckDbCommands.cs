using DuckDB.NET.Data;

namespace Pipeline.Spark.DuckDb;

/// <summary>
/// Runs SQL on a DuckDB.NET connection with a cancellation token: cancelling interrupts the running statement
/// (DuckDB then fails it, and DuckDB.NET throws <see cref="OperationCanceledException"/> or an INTERRUPT error).
/// </summary>
public static class DuckDbCommands
{
    /// <summary>Runs one or more ';'-separated statements; returns the rows the last one changed.</summary>
    public static int Execute(this DuckDBConnection connection, string sql, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var interrupt = cancellationToken.UnsafeRegister(static c => ((DuckDBCommand)c!).Cancel(), command);
        return command.ExecuteNonQuery();
    }

    /// <summary>Runs a query and hands its streamed rows to <paramref name="read"/> while the statement is open.</summary>
    public static T Read<T>(this DuckDBConnection connection, string sql, Func<DuckDBDataReader, T> read, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.UseStreamingMode = true;
        using var interrupt = cancellationToken.UnsafeRegister(static c => ((DuckDBCommand)c!).Cancel(), command);
        using var reader = command.ExecuteReader();
        var result = read(reader);
        cancellationToken.ThrowIfCancellationRequested();
        return result;
    }

    /// <summary>The first column of the first row, or default when there is no row or it is NULL.</summary>
    public static T? Scalar<T>(this DuckDBConnection connection, string sql, CancellationToken cancellationToken = default) =>
        connection.Read(sql, r => r.Read() && !r.IsDBNull(0) ? r.GetFieldValue<T>(0) : default, cancellationToken);
}
