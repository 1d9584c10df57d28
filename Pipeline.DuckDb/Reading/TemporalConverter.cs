using System.Globalization;

namespace Pipeline.DuckDb.Reading;

/// <summary>
/// Converts DuckDB's temporal encodings (days / units since 1970-01-01, microseconds since midnight) to .NET types.
/// ±infinity maps to the .NET type's MinValue/MaxValue; finite values outside the .NET range (DuckDB reaches years
/// far beyond 1..9999) are returned as DuckDB's text instead of being clamped.
/// </summary>
internal static class TemporalConverter
{
    private const int DateInfinity = int.MaxValue;
    private const long TimestampInfinity = long.MaxValue;
    private const int MaxTimeZoneOffset = (16 * 60 * 60) - 1;
    private static readonly int EpochDayNumber = new DateOnly(1970, 1, 1).DayNumber;

    public static object Date(int days)
    {
        if (days == DateInfinity || days == -DateInfinity)
        {
            return days > 0 ? DateOnly.MaxValue : DateOnly.MinValue;
        }

        var dayNumber = (long)days + EpochDayNumber;
        return dayNumber >= 0 && dayNumber <= DateOnly.MaxValue.DayNumber
            ? DateOnly.FromDayNumber((int)dayNumber)
            : FormatDate(days);
    }

    /// <summary>A TIMESTAMP in units of <paramref name="unitTicks"/> ticks (100 ns) or, when 0, of nanoseconds.</summary>
    public static object Timestamp(long value, long unitTicks, bool utc)
    {
        if (value == TimestampInfinity || value == -TimestampInfinity)
        {
            return (value > 0, utc) switch
            {
                (true, true) => (object)DateTimeOffset.MaxValue,
                (false, true) => DateTimeOffset.MinValue,
                (true, false) => DateTime.MaxValue,
                _ => DateTime.MinValue,
            };
        }

        var ticks = unitTicks == 0 ? FloorDiv(value, 100) : (Int128)value * unitTicks;
        var absolute = ticks + DateTime.UnixEpoch.Ticks;
        if (absolute < 0 || absolute > DateTime.MaxValue.Ticks)
        {
            return FormatTimestamp(ticks, utc);
        }

        return utc
            ? new DateTimeOffset((long)absolute, TimeSpan.Zero)
            : (object)new DateTime((long)absolute, DateTimeKind.Unspecified);
    }

    /// <summary>DuckDB allows 24:00:00, which <see cref="TimeOnly"/> cannot hold: it becomes <see cref="TimeOnly.MaxValue"/>.</summary>
    public static TimeOnly Time(long ticks) =>
        ticks >= TimeSpan.TicksPerDay ? TimeOnly.MaxValue : new TimeOnly(Math.Max(0, ticks));

    /// <summary>TIME_TZ packs the microseconds into the upper 40 bits and an inverted offset into the lower 24.</summary>
    public static DuckDbTimeTz TimeTz(ulong bits)
    {
        var micros = (long)(bits >> 24);
        var offsetSeconds = MaxTimeZoneOffset - (int)(bits & 0xFFFFFF);
        return new DuckDbTimeTz(Time(micros * TimeSpan.TicksPerMicrosecond), TimeSpan.FromSeconds(offsetSeconds));
    }

    /// <summary>TIME_NS and TIMESTAMP_NS are truncated to 100 ns ticks, rounding towards the past.</summary>
    public static long FloorDiv(long value, long divisor)
    {
        var (quotient, remainder) = Math.DivRem(value, divisor);
        return remainder < 0 ? quotient - 1 : quotient;
    }

    private static string FormatTimestamp(Int128 ticksSinceEpoch, bool utc)
    {
        var days = (long)Int128.DivRem(ticksSinceEpoch, TimeSpan.TicksPerDay).Quotient;
        var timeTicks = (long)(ticksSinceEpoch - ((Int128)days * TimeSpan.TicksPerDay));
        if (timeTicks < 0)
        {
            days--;
            timeTicks += TimeSpan.TicksPerDay;
        }

        var time = new TimeOnly(timeTicks);
        var fraction = timeTicks % TimeSpan.TicksPerSecond == 0 ? "HH:mm:ss" : "HH:mm:ss.FFFFFFF";
        return $"{FormatDate(days)} {time.ToString(fraction, CultureInfo.InvariantCulture)}{(utc ? "+00" : string.Empty)}";
    }

    // Proleptic Gregorian civil date from days since 1970-01-01 (H. Hinnant's algorithm), formatted as DuckDB does.
    private static string FormatDate(long days)
    {
        var z = days + 719468;
        var era = (z >= 0 ? z : z - 146096) / 146097;
        var dayOfEra = z - (era * 146097);
        var yearOfEra = (dayOfEra - (dayOfEra / 1460) + (dayOfEra / 36524) - (dayOfEra / 146096)) / 365;
        var dayOfYear = dayOfEra - ((365 * yearOfEra) + (yearOfEra / 4) - (yearOfEra / 100));
        var mp = ((5 * dayOfYear) + 2) / 153;
        var day = dayOfYear - (((153 * mp) + 2) / 5) + 1;
        var month = mp < 10 ? mp + 3 : mp - 9;
        var year = yearOfEra + (era * 400) + (month <= 2 ? 1 : 0);
        var bc = year <= 0;
        var shownYear = bc ? 1 - year : year;
        return string.Create(CultureInfo.InvariantCulture, $"{shownYear:0000}-{month:00}-{day:00}{(bc ? " (BC)" : string.Empty)}");
    }
}
