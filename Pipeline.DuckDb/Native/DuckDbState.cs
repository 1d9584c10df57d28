namespace Pipeline.DuckDb.Native;

/// <summary>duckdb_state: the return code of most C API calls.</summary>
internal enum DuckDbState
{
    Success = 0,
    Error = 1,
}
