using Pipeline.Core.Datasets;

namespace Pipeline.Spark.Planning;

/// <summary>One entry of <c>partitionBy</c>, bound to its source column.</summary>
/// <param name="Name">Partition column name (the source column itself for identity, else <c>col_day</c> etc.).</param>
/// <param name="Source">The data column it is derived from.</param>
/// <param name="Transform">The time transform, or identity.</param>
internal sealed record PlannedPartition(string Name, PlannedColumn Source, PartitionTransform Transform)
{
    /// <summary>True for year/month/day/hour: a new column whose NULL sends the row to quarantine.</summary>
    public bool IsDerived => Transform != PartitionTransform.Identity;
}
