using System.Globalization;
using System.Numerics;

namespace Pipeline.DuckDb.Reading;

/// <summary>Decodes DECIMAL, UUID, BIT and BIGNUM storage.</summary>
internal static class NumericConverter
{
    private static readonly Int128 DecimalLimit = Int128.One << 96;

    /// <summary>An exact <see cref="decimal"/>, or DuckDB's exact text when the value has more than 96 bits.</summary>
    public static object Decimal(Int128 unscaled, byte scale)
    {
        var negative = unscaled < 0;
        var magnitude = negative ? -(UInt128)unscaled : (UInt128)unscaled;
        if (magnitude >= (UInt128)DecimalLimit || scale > 28)
        {
            return DecimalText(negative, magnitude, scale);
        }

        return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), (int)(uint)(magnitude >> 64), negative, scale);
    }

    /// <summary>DuckDB stores a UUID as a hugeint with the top bit flipped so that signed order matches text order.</summary>
    public static Guid Uuid(ulong lower, long upper)
    {
        Span<byte> bytes = stackalloc byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes, (ulong)upper ^ 0x8000_0000_0000_0000UL);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], lower);
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>BIT: a padding-count byte, then the bits most significant first, the first padding bits unused.</summary>
    public static string Bits(ReadOnlySpan<byte> data)
    {
        if (data.Length < 2)
        {
            return string.Empty;
        }

        var padding = data[0];
        var bitCount = ((data.Length - 1) * 8) - padding;
        return string.Create(bitCount, (data.ToArray(), padding), static (chars, state) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                var bit = i + state.padding;
                chars[i] = (state.Item1[1 + (bit / 8)] & (0x80 >> (bit % 8))) != 0 ? '1' : '0';
            }
        });
    }

    /// <summary>
    /// BIGNUM: a 3-byte header (top bit set for non-negative, then the byte count) and the big-endian magnitude;
    /// negative values store header and magnitude bitwise inverted.
    /// </summary>
    public static string BigNum(ReadOnlySpan<byte> data)
    {
        if (data.Length <= 3)
        {
            return "0";
        }

        var negative = (data[0] & 0x80) == 0;
        var magnitude = data[3..].ToArray();
        if (negative)
        {
            for (var i = 0; i < magnitude.Length; i++)
            {
                magnitude[i] = (byte)~magnitude[i];
            }
        }

        var value = new BigInteger(magnitude, isUnsigned: true, isBigEndian: true);
        return (negative ? -value : value).ToString(CultureInfo.InvariantCulture);
    }

    private static string DecimalText(bool negative, UInt128 magnitude, byte scale)
    {
        var digits = magnitude.ToString(CultureInfo.InvariantCulture).PadLeft(scale + 1, '0');
        var text = scale == 0 ? digits : $"{digits[..^scale]}.{digits[^scale..]}";
        return negative ? "-" + text : text;
    }
}
