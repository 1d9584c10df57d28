using System.Runtime.InteropServices;

namespace Pipeline.DuckDb.Native;

internal static partial class NativeMethods
{
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial DuckDbState duckdb_prepare(ConnectionHandle connection, string query, out nint statement);

    [LibraryImport(Library)]
    internal static partial void duckdb_destroy_prepare(ref nint statement);

    [LibraryImport(Library)]
    internal static partial nint duckdb_prepare_error(PreparedStatementHandle statement);

    [LibraryImport(Library)]
    internal static partial ulong duckdb_nparams(PreparedStatementHandle statement);

    [LibraryImport(Library)]
    internal static partial DuckDbState duckdb_clear_bindings(PreparedStatementHandle statement);

    [LibraryImport(Library)]
    internal static partial DuckDbStatementType duckdb_prepared_statement_type(PreparedStatementHandle statement);

    [LibraryImport(Library)]
    internal static partial ulong duckdb_prepared_statement_column_count(PreparedStatementHandle statement);

    [LibraryImport(Library)]
    internal static partial LogicalTypeHandle duckdb_prepared_statement_column_logical_type(
        PreparedStatementHandle statement, ulong column);

    [LibraryImport(Library)]
    internal static partial nint duckdb_prepared_statement_column_name(PreparedStatementHandle statement, ulong column);

    [LibraryImport(Library)]
    internal static partial DuckDbState duckdb_execute_prepared(PreparedStatementHandle statement, ResultHandle result);

    // Deprecated in the header but the only C API path that yields a streaming duckdb_result.
    [LibraryImport(Library)]
    internal static partial DuckDbState duckdb_execute_prepared_streaming(
        PreparedStatementHandle statement, ResultHandle result);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial ulong duckdb_extract_statements(
        ConnectionHandle connection, string query, out ExtractedStatementsHandle statements);

    [LibraryImport(Library)]
    internal static partial DuckDbState duckdb_prepare_extracted_statement(
        ConnectionHandle connection, ExtractedStatementsHandle statements, ulong index, out nint statement);

    [LibraryImport(Library)]
    internal static partial nint duckdb_extract_statements_error(ExtractedStatementsHandle statements);

    [LibraryImport(Library)]
    internal static partial void duckdb_destroy_extracted(ref nint statements);

    [LibraryImport(Library)]
    internal static partial void duckdb_destroy_result(nint result);

    [LibraryImport(Library)]
    internal static partial nint duckdb_result_error(ResultHandle result);

    [LibraryImport(Library)]
    internal static partial DuckDbErrorType duckdb_result_error_type(ResultHandle result);

    [LibraryImport(Library)]
    internal static partial ulong duckdb_rows_changed(ResultHandle result);

    [LibraryImport(Library)]
    internal static partial ulong duckdb_column_count(ResultHandle result);

    [LibraryImport(Library)]
    internal static partial nint duckdb_column_name(ResultHandle result, ulong column);

    [LibraryImport(Library)]
    internal static partial LogicalTypeHandle duckdb_column_logical_type(ResultHandle result, ulong column);

    // duckdb_result is passed by value here, hence the raw struct rather than the handle.
    [LibraryImport(Library)]
    internal static partial nint duckdb_fetch_chunk(NativeResult result);
}
