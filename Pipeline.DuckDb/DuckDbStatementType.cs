namespace Pipeline.DuckDb;

/// <summary>DuckDB's statement kinds, mirroring <c>duckdb_statement_type</c> in duckdb.h (numeric values are ABI).</summary>
public enum DuckDbStatementType
{
    /// <summary>Unknown or not prepared.</summary>
    Invalid = 0,
    /// <summary>SELECT, VALUES, FROM-first queries, SUMMARIZE, DESCRIBE.</summary>
    Select = 1,
    /// <summary>INSERT.</summary>
    Insert = 2,
    /// <summary>UPDATE.</summary>
    Update = 3,
    /// <summary>EXPLAIN.</summary>
    Explain = 4,
    /// <summary>DELETE.</summary>
    Delete = 5,
    /// <summary>PREPARE.</summary>
    Prepare = 6,
    /// <summary>CREATE (table, view, schema, macro, sequence, ...).</summary>
    Create = 7,
    /// <summary>EXECUTE of a SQL-level prepared statement.</summary>
    Execute = 8,
    /// <summary>ALTER.</summary>
    Alter = 9,
    /// <summary>BEGIN, COMMIT, ROLLBACK.</summary>
    Transaction = 10,
    /// <summary>COPY (to or from a file).</summary>
    Copy = 11,
    /// <summary>ANALYZE.</summary>
    Analyze = 12,
    /// <summary>SET VARIABLE.</summary>
    VariableSet = 13,
    /// <summary>CREATE FUNCTION.</summary>
    CreateFunc = 14,
    /// <summary>DROP.</summary>
    Drop = 15,
    /// <summary>EXPORT DATABASE.</summary>
    Export = 16,
    /// <summary>PRAGMA.</summary>
    Pragma = 17,
    /// <summary>VACUUM.</summary>
    Vacuum = 18,
    /// <summary>CALL.</summary>
    Call = 19,
    /// <summary>SET and RESET of settings.</summary>
    Set = 20,
    /// <summary>LOAD and INSTALL of extensions.</summary>
    Load = 21,
    /// <summary>A relation built through the relational API.</summary>
    Relation = 22,
    /// <summary>A statement handled by a parser extension.</summary>
    Extension = 23,
    /// <summary>A logical plan.</summary>
    LogicalPlan = 24,
    /// <summary>ATTACH.</summary>
    Attach = 25,
    /// <summary>DETACH.</summary>
    Detach = 26,
    /// <summary>Several statements at once.</summary>
    Multi = 27,
}
