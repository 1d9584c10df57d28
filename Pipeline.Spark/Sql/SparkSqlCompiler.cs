using Pipeline.Core.Transform;
using Pipeline.Spark.Planning;

namespace Pipeline.Spark.Sql;

/// <summary>
/// Compiles a transform request into the Spark SQL script the EMR step runs: temporary views over the run's
/// files, a cached table of raw rows, a partitioned zstd Parquet write of the typed, trimmed, flattened,
/// deduplicated good rows with lineage columns, a JSON write of the bad rows with their reasons, and a final
/// <c>SELECT rows_in, rows_quarantined</c>.
/// </summary>
public static class SparkSqlCompiler
{
    /// <summary>
    /// The script for <paramref name="request"/>, given the schemas of its usable files (from
    /// <see cref="Engine.SourceProbe"/>: Spark SQL cannot flatten or type columns it has not been told about).
    /// Throws <see cref="TransformException"/> (not transient) when the spec does not fit the data.
    /// </summary>
    public static string Compile(TransformRequest request, IReadOnlyList<SourceSchema> schemas)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(schemas);
        return new SparkSql(TransformPlanner.Plan(request, schemas)).Script();
    }
}
