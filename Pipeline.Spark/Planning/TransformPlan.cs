using Pipeline.Core.Transform;

namespace Pipeline.Spark.Planning;

/// <summary>
/// The dialect-neutral transform: which files are read and how, the typed columns, derived partitions,
/// lineage, dedupe and the checks that send a row to quarantine. Emitters turn it into DuckDB or Spark SQL.
/// </summary>
/// <param name="Request">The run's request (paths, run id, ingestion time, spec).</param>
/// <param name="Sources">Usable files, in run order.</param>
/// <param name="Columns">Data columns in output order (lineage and derived partitions come after).</param>
/// <param name="Partitions">Partition columns in <c>partitionBy</c> order.</param>
/// <param name="PrimaryKey">Key columns; empty for no dedupe.</param>
/// <param name="FilePrefix">Run id made safe for a file name; every written file starts with it.</param>
internal sealed record TransformPlan(
    TransformRequest Request,
    IReadOnlyList<SourcePlan> Sources,
    IReadOnlyList<PlannedColumn> Columns,
    IReadOnlyList<PlannedPartition> Partitions,
    IReadOnlyList<PlannedColumn> PrimaryKey,
    string FilePrefix)
{
    /// <summary>True when rows are deduplicated on the primary key (needs arrival and row position).</summary>
    public bool Dedupe => PrimaryKey.Count > 0;

    /// <summary>Derived (year/month/day/hour) partitions only: the columns the transform adds.</summary>
    public IEnumerable<PlannedPartition> DerivedPartitions => Partitions.Where(p => p.IsDerived);
}
