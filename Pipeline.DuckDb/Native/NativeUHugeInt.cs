using System.Runtime.InteropServices;

namespace Pipeline.DuckDb.Native;

/// <summary>duckdb_uhugeint: upper * 2^64 + lower.</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct NativeUHugeInt(ulong lower, ulong upper)
{
    public readonly ulong Lower = lower;
    public readonly ulong Upper = upper;

    public static NativeUHugeInt From(UInt128 value) => new((ulong)value, (ulong)(value >> 64));
}
