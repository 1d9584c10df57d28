using Pipeline.Core.Transform;
using Pipeline.Spark.Engine;
using Pipeline.Spark.Planning;
using Pipeline.Spark.Sql;

namespace Pipeline.Spark.Driver;

/// <summary>What a run gives Spark: the script, and the files set aside before it (unreadable, or refused by the drift policy).</summary>
public sealed record SparkJobPlan(string Script, IReadOnlyList<SparkInputFile> Inputs, IReadOnlyList<QuarantinedFile> Quarantined,
    IReadOnlyList<Core.Runs.SchemaDriftInfo> SchemaDrift, IReadOnlyDictionary<string, CsvDialect> CsvDialects);

/// <summary>
/// The transform of a run as a Spark job (the EMR step): planned from local copies of the run's files, as DuckDB
/// plans it, but reading and writing where Spark does; and the result of the job turned into the run's result.
/// </summary>
public static class SparkJob
{
    /// <summary>
    /// The Spark SQL for <paramref name="request"/> (its files local, probed here for their columns) reading each file
    /// at <paramref name="inputUri"/> of its raw-zone key, writing the table's Parquet to <paramref name="outputUri"/> and
    /// set-aside rows and lines to <paramref name="quarantineUri"/>. No script when no file can be read.
    /// </summary>
    public static SparkJobPlan Plan(TransformRequest request, Func<string, string> inputUri, string outputUri, string quarantineUri,
        CancellationToken cancellationToken)
    {
        request = RequestPaths.Absolute(request);
        var temp = request.TempDir ?? Path.Combine(Path.GetTempPath(), $"pipeline-spark-plan-{Guid.NewGuid():N}");
        try
        {
            OutputFolders.Create(temp);
            request = request with { TempDir = temp };
            using var connection = EngineDatabase.Open(request, temp);
            var probe = SourceProbe.Probe(connection, request, new LineRescue(connection, request, cancellationToken), cancellationToken);
            var (usable, frozen, drift) = DriftPolicy.Apply(request, probe.Usable);
            var remote = usable.Select(s => s with { Input = s.Input with { Path = inputUri(s.Input.SourceKey) } }).ToList();
            var script = remote.Count == 0 ? "" : SparkSqlCompiler.Compile(
                request with { Files = [.. remote.Select(s => s.Input)], OutputDir = outputUri, QuarantineDir = quarantineUri }, remote);
            return new SparkJobPlan(script, [.. remote.Select(s => new SparkInputFile(s.Input.Path, s.Input.SourceKey))],
                [.. probe.Quarantined, .. frozen], drift, probe.CsvDialects);
        }
        finally
        {
            if (request.TempDir == temp && Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }
        }
    }

    /// <summary>
    /// The run's result from the job's: counts, the files written (<paramref name="written"/>, now local), files set aside,
    /// expectations judged as DuckDB judges them. Throws the run's failure when a <c>fail</c> expectation failed.
    /// </summary>
    public static TransformResult Result(TransformRequest request, SparkJobPlan plan, SparkRunResult job, IReadOnlyList<WrittenFile> written)
    {
        var expectations = request.Spec.Expectations is { Count: > 0 } all
            ? ExpectationOutcome.Judge(all, Tally(job, all.Count), job.RowsOut, request.IngestedAt)
            : [];
        if (ExpectationOutcome.Failure(expectations) is { } failure)
        {
            throw failure;
        }

        var overRatio = job.FilesOverBadLineRatio.Select(key => new QuarantinedFile(key,
            $"More than {request.Spec.MaxBadLineRatio:P0} of the file's lines are malformed (Spark's PERMISSIVE read); the file is set aside whole."));
        return new TransformResult(job.RowsIn, job.RowsOut, job.RowsQuarantined, written, [.. plan.Quarantined, .. overRatio])
        {
            SchemaDrift = plan.SchemaDrift,
            Expectations = expectations,
        };
    }

    // The values the script's summary row holds, in the order ExpectationOutcome reads them.
    static List<object?> Tally(SparkRunResult job, int count)
    {
        var tally = new List<object?> { job.RowsChecked };
        for (var i = 0; i < count; i++)
        {
            var e = job.Expectations.FirstOrDefault(x => x.Index == i);
            tally.Add(e?.Failed);
            tally.Add(e?.Example);
        }

        return tally;
    }
}
