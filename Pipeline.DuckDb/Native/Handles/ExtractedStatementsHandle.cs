using System.Runtime.InteropServices;

namespace Pipeline.DuckDb.Native;

/// <summary>Owns a duckdb_extracted_statements, released with duckdb_destroy_extracted.</summary>
internal sealed class ExtractedStatementsHandle : SafeHandle
{
    public ExtractedStatementsHandle()
        : base(0, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        var value = handle;
        NativeMethods.duckdb_destroy_extracted(ref value);
        return true;
    }
}
