using System.Runtime.InteropServices;

namespace Pipeline.DuckDb.Native;

/// <summary>Owns a duckdb_config, released with duckdb_destroy_config.</summary>
internal sealed class ConfigHandle : SafeHandle
{
    public ConfigHandle()
        : base(0, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        var value = handle;
        NativeMethods.duckdb_destroy_config(ref value);
        return true;
    }
}
