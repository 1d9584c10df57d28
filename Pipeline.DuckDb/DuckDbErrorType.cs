namespace Pipeline.DuckDb;

/// <summary>DuckDB's error categories, mirroring <c>duckdb_error_type</c> in duckdb.h (numeric values are ABI).</summary>
public enum DuckDbErrorType
{
    /// <summary>No category (or the API did not report one).</summary>
    Invalid = 0,
    /// <summary>Out of Range Error.</summary>
    OutOfRange = 1,
    /// <summary>Conversion Error (failed casts).</summary>
    Conversion = 2,
    /// <summary>Unknown Type Error.</summary>
    UnknownType = 3,
    /// <summary>Decimal Error.</summary>
    Decimal = 4,
    /// <summary>Mismatch Type Error.</summary>
    MismatchType = 5,
    /// <summary>Divide by Zero Error.</summary>
    DivideByZero = 6,
    /// <summary>Object Size Error.</summary>
    ObjectSize = 7,
    /// <summary>Invalid type Error.</summary>
    InvalidType = 8,
    /// <summary>Serialization Error.</summary>
    Serialization = 9,
    /// <summary>Transaction conflicts.</summary>
    Transaction = 10,
    /// <summary>Not implemented Error.</summary>
    NotImplemented = 11,
    /// <summary>Expression Error.</summary>
    Expression = 12,
    /// <summary>Catalog Error (missing tables, functions, ...).</summary>
    Catalog = 13,
    /// <summary>Parser Error (syntax errors).</summary>
    Parser = 14,
    /// <summary>Planner Error.</summary>
    Planner = 15,
    /// <summary>Scheduler Error.</summary>
    Scheduler = 16,
    /// <summary>Executor Error.</summary>
    Executor = 17,
    /// <summary>Constraint Error (primary key, NOT NULL, CHECK, ...).</summary>
    Constraint = 18,
    /// <summary>Index Error.</summary>
    Index = 19,
    /// <summary>Stat Error.</summary>
    Stat = 20,
    /// <summary>Connection Error.</summary>
    Connection = 21,
    /// <summary>Syntax Error.</summary>
    Syntax = 22,
    /// <summary>Settings Error.</summary>
    Settings = 23,
    /// <summary>Binder Error (unknown columns, type mismatches at bind time).</summary>
    Binder = 24,
    /// <summary>Network Error.</summary>
    Network = 25,
    /// <summary>Optimizer Error.</summary>
    Optimizer = 26,
    /// <summary>Null pointer Error.</summary>
    NullPointer = 27,
    /// <summary>IO Error (files).</summary>
    IO = 28,
    /// <summary>The query was interrupted.</summary>
    Interrupt = 29,
    /// <summary>Fatal Error: the database is invalidated.</summary>
    Fatal = 30,
    /// <summary>Internal Error.</summary>
    Internal = 31,
    /// <summary>Invalid Input Error.</summary>
    InvalidInput = 32,
    /// <summary>Out of Memory Error.</summary>
    OutOfMemory = 33,
    /// <summary>Permission Error (e.g. external access disabled).</summary>
    Permission = 34,
    /// <summary>Parameter Not Resolved Error.</summary>
    ParameterNotResolved = 35,
    /// <summary>Parameter Not Allowed Error.</summary>
    ParameterNotAllowed = 36,
    /// <summary>Dependency Error.</summary>
    Dependency = 37,
    /// <summary>HTTP Error.</summary>
    Http = 38,
    /// <summary>Missing Extension Error.</summary>
    MissingExtension = 39,
    /// <summary>Extension Autoloading Error.</summary>
    Autoload = 40,
    /// <summary>Sequence Error.</summary>
    Sequence = 41,
    /// <summary>Invalid Configuration Error.</summary>
    InvalidConfiguration = 42,
}
