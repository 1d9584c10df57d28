using System.Runtime.InteropServices;

namespace Pipeline.DuckDb.Native;

/// <summary>Owns a duckdb_database; connections hold a reference so duckdb_close runs after the last one.</summary>
internal sealed class DatabaseHandle : SafeHandle
{
    public DatabaseHandle()
        : base(0, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        var database = handle;
        NativeMethods.duckdb_close(ref database);
        return true;
    }
}
