using System.Runtime.InteropServices;

namespace Pipeline.DuckDb.Native;

/// <summary>Owns a duckdb_data_chunk; its vectors stay valid until this handle is released.</summary>
internal sealed class DataChunkHandle : SafeHandle
{
    public DataChunkHandle()
        : base(0, ownsHandle: true)
    {
    }

    public DataChunkHandle(nint chunk)
        : this()
    {
        SetHandle(chunk);
    }

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        var chunk = handle;
        NativeMethods.duckdb_destroy_data_chunk(ref chunk);
        return true;
    }
}
