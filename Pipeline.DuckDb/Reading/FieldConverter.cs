using System.Numerics;

namespace Pipeline.DuckDb.Reading;

/// <summary>
/// Converts a value read by <see cref="ValueReader"/> to the type a caller asks for: integer widths convert when the
/// value fits (OverflowException otherwise), DECIMAL/integers convert to decimal and double, dates widen to
/// DateTime, intervals without months become TimeSpan. Anything else is an <see cref="InvalidCastException"/>.
/// </summary>
internal static class FieldConverter
{
    public static T Convert<T>(object? value, int ordinal)
    {
        if (value is T typed)
        {
            return typed;
        }

        if (value is null)
        {
            return default(T) is null
                ? default!
                : throw new InvalidCastException($"Column {ordinal} is NULL and cannot be read as {typeof(T).Name}.");
        }

        var target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        var converted = ConvertTo(value, target)
            ?? throw new InvalidCastException(
                $"Column {ordinal} holds a {value.GetType().Name} that cannot be read as {typeof(T).Name}.");
        return (T)converted;
    }

    private static object? ConvertTo(object value, Type target)
    {
        if (ToInteger(value) is { } integer && IntegerTo(integer, target) is { } fromInteger)
        {
            return fromInteger;
        }

        return (value, target) switch
        {
            (decimal d, _) when target == typeof(double) => (double)d,
            (float f, _) when target == typeof(double) => (double)f,
            (double d, _) when target == typeof(decimal) => (decimal)d,
            (float f, _) when target == typeof(decimal) => (decimal)f,
            (string text, _) when target == typeof(decimal) && IsNumber(text) =>
                throw new OverflowException($"The DECIMAL value {text} does not fit System.Decimal."),
            (DateOnly date, _) when target == typeof(DateTime) => date.ToDateTime(TimeOnly.MinValue),
            (DateTimeOffset offset, _) when target == typeof(DateTime) => offset.UtcDateTime,
            (DateTime dateTime, _) when target == typeof(DateTimeOffset) =>
                new DateTimeOffset(DateTime.SpecifyKind(dateTime, DateTimeKind.Utc)),
            (DuckDbInterval interval, _) when target == typeof(TimeSpan) => interval.ToTimeSpan(),
            (TimeSpan span, _) when target == typeof(DuckDbInterval) => DuckDbInterval.FromTimeSpan(span),
            (TimeOnly time, _) when target == typeof(TimeSpan) => time.ToTimeSpan(),
            _ => null,
        };
    }

    private static BigInteger? ToInteger(object value) => value switch
    {
        sbyte v => v,
        short v => v,
        int v => v,
        long v => v,
        byte v => v,
        ushort v => v,
        uint v => v,
        ulong v => v,
        Int128 v => v,
        UInt128 v => v,
        BigInteger v => v,
        decimal v when v == decimal.Truncate(v) => new BigInteger(v),
        _ => null,
    };

    private static object? IntegerTo(BigInteger value, Type target) => target switch
    {
        _ when target == typeof(long) => (long)value,
        _ when target == typeof(int) => (int)value,
        _ when target == typeof(short) => (short)value,
        _ when target == typeof(sbyte) => (sbyte)value,
        _ when target == typeof(ulong) => (ulong)value,
        _ when target == typeof(uint) => (uint)value,
        _ when target == typeof(ushort) => (ushort)value,
        _ when target == typeof(byte) => (byte)value,
        _ when target == typeof(Int128) => (Int128)value,
        _ when target == typeof(UInt128) => (UInt128)value,
        _ when target == typeof(BigInteger) => value,
        _ when target == typeof(decimal) => (decimal)value,
        _ when target == typeof(double) => (double)value,
        _ when target == typeof(float) => (float)value,
        _ => null,
    };

    private static bool IsNumber(string text) =>
        text.Length > 0 && text.All(c => char.IsAsciiDigit(c) || c is '-' or '.');
}
