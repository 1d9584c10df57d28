namespace Pipeline.DuckDb;

/// <summary>A DuckDB INTERVAL: months, days and microseconds are kept apart, as DuckDB does.</summary>
/// <param name="Months">Whole months.</param>
/// <param name="Days">Whole days.</param>
/// <param name="Micros">Microseconds.</param>
public readonly record struct DuckDbInterval(int Months, int Days, long Micros)
{
    /// <summary>Converts a <see cref="TimeSpan"/> to an interval of microseconds only (sub-microsecond ticks are dropped).</summary>
    public static DuckDbInterval FromTimeSpan(TimeSpan value) => new(0, 0, value.Ticks / TimeSpan.TicksPerMicrosecond);

    /// <summary>
    /// Converts to a <see cref="TimeSpan"/> counting a day as 24 hours; throws <see cref="InvalidCastException"/>
    /// when the interval has months, whose length is not fixed.
    /// </summary>
    public TimeSpan ToTimeSpan()
    {
        if (Months != 0)
        {
            throw new InvalidCastException($"The interval {this} has months and has no fixed TimeSpan length.");
        }

        return TimeSpan.FromDays(Days) + TimeSpan.FromTicks(checked(Micros * TimeSpan.TicksPerMicrosecond));
    }
}
