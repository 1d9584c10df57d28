using Pipeline.DuckDb.Native;

namespace Pipeline.DuckDb;

/// <summary>Turns a failed duckdb_result into a <see cref="DuckDbException"/>, or a cancellation when it was asked for.</summary>
internal static class ResultErrors
{
    public static void ThrowIfFailed(ResultHandle result, CancellationToken cancellationToken)
    {
        var message = NativeMethods.ReadBorrowed(NativeMethods.duckdb_result_error(result));
        if (message is not null)
        {
            Throw(message, NativeMethods.duckdb_result_error_type(result), cancellationToken);
        }
    }

    public static void ThrowFailed(ResultHandle result, CancellationToken cancellationToken)
    {
        ThrowIfFailed(result, cancellationToken);
        Throw("DuckDB reported a failure without a message.", DuckDbErrorType.Invalid, cancellationToken);
    }

    private static void Throw(string message, DuckDbErrorType type, CancellationToken cancellationToken)
    {
        var error = new DuckDbException(message, type == DuckDbErrorType.Invalid ? ErrorTypeParser.Parse(message) : type);
        if (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(message, error, cancellationToken);
        }

        throw error;
    }
}
