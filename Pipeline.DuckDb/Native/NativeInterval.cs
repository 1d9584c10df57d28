using System.Runtime.InteropServices;

namespace Pipeline.DuckDb.Native;

/// <summary>duckdb_interval as laid out in vectors and passed to duckdb_bind_interval.</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct NativeInterval(int months, int days, long micros)
{
    public readonly int Months = months;
    public readonly int Days = days;
    public readonly long Micros = micros;
}
