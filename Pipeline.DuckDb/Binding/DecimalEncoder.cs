using Pipeline.DuckDb.Native;

namespace Pipeline.DuckDb.Binding;

/// <summary>Encodes a <see cref="decimal"/> exactly as a duckdb_decimal: its 96-bit mantissa, digit count and scale.</summary>
internal static class DecimalEncoder
{
    public static NativeDecimal Encode(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var scale = (byte)((bits[3] >> 16) & 0xFF);
        var mantissa = ((UInt128)(uint)bits[2] << 64) | ((UInt128)(uint)bits[1] << 32) | (uint)bits[0];
        var unscaled = bits[3] < 0 ? -(Int128)mantissa : (Int128)mantissa;
        var digits = (byte)Math.Max(1, mantissa.ToString(System.Globalization.CultureInfo.InvariantCulture).Length);
        var width = Math.Max(digits, (byte)(scale + 1));
        return new NativeDecimal(width, scale, NativeHugeInt.From(unscaled));
    }
}
