namespace Pipeline.Spark.DuckDb;

/// <summary>
/// <c>duckdb_statement_type</c> as duckdb.h numbers it. DuckDB.NET's own enum has an extra member (Show) from
/// Pragma on, so its names are off by one for Vacuum and everything after; these values are the ABI.
/// </summary>
public enum DuckDbStatementType
{
    Invalid = 0,
    Select = 1,
    Insert = 2,
    Update = 3,
    Explain = 4,
    Delete = 5,
    Prepare = 6,
    Create = 7,
    Execute = 8,
    Alter = 9,
    Transaction = 10,
    Copy = 11,
    Analyze = 12,
    VariableSet = 13,
    CreateFunc = 14,
    Drop = 15,
    Export = 16,
    Pragma = 17,
    Vacuum = 18,
    Call = 19,
    Set = 20,
    Load = 21,
    Relation = 22,
    Extension = 23,
    LogicalPlan = 24,
    Attach = 25,
    Detach = 26,
    Multi = 27,
}
