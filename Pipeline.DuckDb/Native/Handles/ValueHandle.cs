using System.Runtime.InteropServices;

namespace Pipeline.DuckDb.Native;

/// <summary>Owns a duckdb_value, released with duckdb_destroy_value.</summary>
internal sealed class ValueHandle : SafeHandle
{
    public ValueHandle()
        : base(0, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        var value = handle;
        NativeMethods.duckdb_destroy_value(ref value);
        return true;
    }
}
