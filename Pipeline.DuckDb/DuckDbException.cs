namespace Pipeline.DuckDb;

/// <summary>An error reported by DuckDB; <see cref="Exception.Message"/> is DuckDB's own text.</summary>
public sealed class DuckDbException : Exception
{
    /// <summary>Creates an exception with no DuckDB error category.</summary>
    public DuckDbException()
    {
    }

    /// <summary>Creates an exception with DuckDB's message and no error category.</summary>
    public DuckDbException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with DuckDB's message and the category DuckDB reported.</summary>
    public DuckDbException(string message, DuckDbErrorType errorType)
        : base(message)
    {
        ErrorType = errorType;
    }

    /// <summary>Creates an exception wrapping another one.</summary>
    public DuckDbException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// DuckDB's error category: from duckdb_result_error_type where the C API reports it, otherwise read from
    /// the "Xxx Error:" prefix of the message; <see cref="DuckDbErrorType.Invalid"/> when neither is known.
    /// </summary>
    public DuckDbErrorType ErrorType { get; }

    internal static DuckDbException FromMessage(string message) => new(message, ErrorTypeParser.Parse(message));
}
