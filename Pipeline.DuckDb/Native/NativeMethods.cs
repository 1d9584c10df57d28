using System.Runtime.InteropServices;

namespace Pipeline.DuckDb.Native;

/// <summary>
/// DuckDB C API entry points (duckdb.h of DuckDB 1.5.6), split by area over several partial files.
/// Handles are passed as SafeHandles so every call holds a reference on the native object it uses.
/// </summary>
internal static partial class NativeMethods
{
    internal const string Library = "duckdb";

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial DuckDbState duckdb_open_ext(
        string? path, out DatabaseHandle database, ConfigHandle config, out nint error);

    [LibraryImport(Library)]
    internal static partial void duckdb_close(ref nint database);

    [LibraryImport(Library)]
    internal static partial DuckDbState duckdb_connect(DatabaseHandle database, out nint connection);

    [LibraryImport(Library)]
    internal static partial void duckdb_disconnect(ref nint connection);

    [LibraryImport(Library)]
    internal static partial void duckdb_interrupt(ConnectionHandle connection);

    [LibraryImport(Library)]
    internal static partial nint duckdb_library_version();

    [LibraryImport(Library)]
    internal static partial DuckDbState duckdb_create_config(out ConfigHandle config);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial DuckDbState duckdb_set_config(ConfigHandle config, string name, string option);

    [LibraryImport(Library)]
    internal static partial void duckdb_destroy_config(ref nint config);

    [LibraryImport(Library)]
    internal static partial void duckdb_free(nint pointer);

    /// <summary>Reads a DuckDB-owned UTF-8 string that must not be freed.</summary>
    internal static string? ReadBorrowed(nint utf8) => utf8 == 0 ? null : Marshal.PtrToStringUTF8(utf8);

    /// <summary>Reads a DuckDB-allocated UTF-8 string and frees it with duckdb_free.</summary>
    internal static string? ReadOwned(nint utf8)
    {
        if (utf8 == 0)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8(utf8);
        }
        finally
        {
            duckdb_free(utf8);
        }
    }
}
