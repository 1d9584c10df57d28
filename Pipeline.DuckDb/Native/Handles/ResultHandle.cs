using System.Runtime.InteropServices;

namespace Pipeline.DuckDb.Native;

/// <summary>
/// Owns unmanaged memory holding a by-value duckdb_result. The handle value is the duckdb_result* that the C API
/// expects; release destroys the result, frees the memory and lets go of the statement it came from.
/// </summary>
internal sealed unsafe class ResultHandle : SafeHandle
{
    private readonly SafeHandle _owner;

    private ResultHandle(SafeHandle owner)
        : base(0, ownsHandle: true)
    {
        _owner = owner;
        SetHandle((nint)NativeMemory.AllocZeroed((nuint)sizeof(NativeResult)));
    }

    public override bool IsInvalid => handle == 0;

    /// <summary>Allocates an empty result that keeps <paramref name="owner"/> alive until it is released.</summary>
    public static ResultHandle Allocate(SafeHandle owner)
    {
        var added = false;
        owner.DangerousAddRef(ref added);
        try
        {
            var result = new ResultHandle(owner);
            added = false;
            return result;
        }
        finally
        {
            if (added)
            {
                owner.DangerousRelease();
            }
        }
    }

    /// <summary>Fetches the next chunk (streaming or materialized); an invalid handle means the result is exhausted.</summary>
    public DataChunkHandle FetchChunk()
    {
        var added = false;
        DangerousAddRef(ref added);
        try
        {
            return new DataChunkHandle(NativeMethods.duckdb_fetch_chunk(*(NativeResult*)handle));
        }
        finally
        {
            if (added)
            {
                DangerousRelease();
            }
        }
    }

    protected override bool ReleaseHandle()
    {
        NativeMethods.duckdb_destroy_result(handle);
        NativeMemory.Free((void*)handle);
        _owner.DangerousRelease();
        return true;
    }
}
