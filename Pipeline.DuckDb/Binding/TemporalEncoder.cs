namespace Pipeline.DuckDb.Binding;

/// <summary>Encodes dates as days and timestamps as microseconds since 1970-01-01 (sub-microsecond ticks are dropped).</summary>
internal static class TemporalEncoder
{
    private static readonly int EpochDayNumber = new DateOnly(1970, 1, 1).DayNumber;

    public static int Days(DateOnly value) => value.DayNumber - EpochDayNumber;

    /// <summary>
    /// UTC and Unspecified values are taken as they are; Local values are refused because a TIMESTAMP has no zone
    /// and silently picking one would shift the data.
    /// </summary>
    public static long Micros(DateTime value, int index)
    {
        if (value.Kind == DateTimeKind.Local)
        {
            throw new ArgumentException(
                $"Parameter {index} is a DateTime of Kind Local; pass a UTC or Unspecified DateTime or a DateTimeOffset.",
                nameof(value));
        }

        return TemporalDivide(value.Ticks - DateTime.UnixEpoch.Ticks, TimeSpan.TicksPerMicrosecond);
    }

    private static long TemporalDivide(long ticks, long divisor)
    {
        var (quotient, remainder) = Math.DivRem(ticks, divisor);
        return remainder < 0 ? quotient - 1 : quotient;
    }
}
