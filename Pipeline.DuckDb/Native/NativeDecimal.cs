using System.Runtime.InteropServices;

namespace Pipeline.DuckDb.Native;

/// <summary>duckdb_decimal: the unscaled value with its width and scale.</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct NativeDecimal(byte width, byte scale, NativeHugeInt value)
{
    public readonly byte Width = width;
    public readonly byte Scale = scale;
    public readonly NativeHugeInt Value = value;
}
