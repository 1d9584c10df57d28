using System.Runtime.InteropServices;

namespace Pipeline.DuckDb.Native;

/// <summary>duckdb_hugeint: upper * 2^64 + lower.</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct NativeHugeInt(ulong lower, long upper)
{
    public readonly ulong Lower = lower;
    public readonly long Upper = upper;

    public static NativeHugeInt From(Int128 value) => new((ulong)value, (long)(value >> 64));
}
