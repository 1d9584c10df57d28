namespace Pipeline.AppHost.Dashboard.Storage;

/// <summary>
/// One point of a metric series: the value of a sum or gauge; for a histogram the mean
/// (<see cref="Sum"/> / <see cref="Count"/>), with the count and sum kept.
/// </summary>
public sealed record MetricPoint(DateTimeOffset Time, double Value, ulong? Count = null, double? Sum = null);
