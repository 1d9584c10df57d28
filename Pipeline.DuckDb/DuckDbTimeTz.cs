namespace Pipeline.DuckDb;

/// <summary>A DuckDB TIME WITH TIME ZONE value: a time of day and its UTC offset.</summary>
/// <param name="Time">The local time of day.</param>
/// <param name="Offset">The offset from UTC (DuckDB allows up to ±15:59:59).</param>
public readonly record struct DuckDbTimeTz(TimeOnly Time, TimeSpan Offset)
{
    /// <summary>Formats like DuckDB does, e.g. <c>12:34:56+05:30</c>.</summary>
    public override string ToString()
    {
        var sign = Offset < TimeSpan.Zero ? '-' : '+';
        var offset = Offset.Duration();
        var time = Time.Ticks % TimeSpan.TicksPerSecond == 0 ? Time.ToString("HH:mm:ss") : Time.ToString("HH:mm:ss.FFFFFF");
        var zone = offset.Seconds != 0 ? offset.ToString(@"hh\:mm\:ss") : offset.Minutes != 0 ? offset.ToString(@"hh\:mm") : offset.ToString("hh");
        return $"{time}{sign}{zone}";
    }
}
