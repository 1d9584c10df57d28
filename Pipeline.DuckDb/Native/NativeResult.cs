using System.Runtime.InteropServices;

namespace Pipeline.DuckDb.Native;

/// <summary>The by-value duckdb_result struct; only <see cref="InternalData"/> matters, the rest is deprecated.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NativeResult
{
    public ulong DeprecatedColumnCount;
    public ulong DeprecatedRowCount;
    public ulong DeprecatedRowsChanged;
    public nint DeprecatedColumns;
    public nint DeprecatedErrorMessage;
    public nint InternalData;
}
