using System.Runtime.InteropServices;

namespace Pipeline.DuckDb.Native;

/// <summary>Owns a duckdb_logical_type, released with duckdb_destroy_logical_type.</summary>
internal sealed class LogicalTypeHandle : SafeHandle
{
    public LogicalTypeHandle()
        : base(0, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        var value = handle;
        NativeMethods.duckdb_destroy_logical_type(ref value);
        return true;
    }
}
