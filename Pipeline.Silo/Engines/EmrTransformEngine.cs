using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Pipeline.Aws.Emr;
using Pipeline.Core.Lake;
using Pipeline.Core.Transform;
using Pipeline.Silo.Catalog;
using Pipeline.Silo.Faults;
using Pipeline.Spark.Driver;

namespace Pipeline.Silo.Engines;

/// <summary>
/// The transform as an EMR step: the run's files are planned here (as DuckDB plans them), the Spark SQL and a run
/// manifest go to the lake beside the PySpark driver, one step per attempt runs the driver, and its Parquet comes
/// back to the run's staging folder, so the catalog stage commits it as it commits DuckDB's output. A re-executed
/// attempt finds its step by name and waits for it instead of submitting it again.
/// </summary>
/// <param name="uriOf">The URI Spark reads a lake key at (<c>s3://bucket/prefix/key</c>).</param>
/// <param name="faults">Where tests crash the silo (after the step is submitted).</param>
public sealed class EmrTransformEngine(EmrSteps steps, ILakeStore lake, Func<string, string> uriOf, FaultInjector? faults = null) : ITransformEngine
{
    /// <summary>Lake folder of the jobs' files: outside every table's folder, so Athena never reads them.</summary>
    public const string JobsPrefix = LakeLayout.Processed + "/_emr/";

    static readonly string DriverKey = $"{JobsPrefix}driver/{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(PySparkDriver.Text)))[..16]}/{PySparkDriver.FileName}";

    public async Task<TransformResult> RunAsync(TransformRequest request, CancellationToken cancellationToken = default)
    {
        var attempt = (request.Attempt ?? throw new ArgumentException("An EMR transform needs the attempt's name.", nameof(request))).Replace('/', '-');
        var folder = $"{JobsPrefix}{request.Spec.Id}/{request.RunId}/{attempt}/";
        // As DuckDB's engine does: an attempt's staging starts empty, so a re-executed attempt replaces its own files.
        Reset(request.OutputDir);
        Reset(request.QuarantineDir);
        var plan = await Task.Run(() => SparkJob.Plan(request, uriOf, uriOf(folder + "out"), uriOf(folder + "quarantine"), cancellationToken), cancellationToken);
        if (plan.Script.Length == 0)
        {
            return SparkJob.Result(request, plan, EmptyJob(request, attempt), []);
        }

        await PutTextAsync(DriverKey, PySparkDriver.Text, cancellationToken);
        var manifest = new SparkRunManifest(request.Spec.Id, request.RunId, attempt, plan.Script, uriOf(folder + "out"), uriOf(folder + "result.json"),
            request.TraceParent, plan.Inputs);
        await PutTextAsync(folder + "manifest.json", manifest.ToJson(), cancellationToken);

        var cluster = await steps.ClusterAsync(cancellationToken);
        var (stepId, adopted) = await steps.SubmitOnceAsync(cluster, EmrSteps.StepName(request.Spec.Id, request.RunId, attempt),
            [.. TraceConf(request.TraceParent), uriOf(DriverKey), uriOf(folder + "manifest.json")], cancellationToken);
        Activity.Current?.SetTag("pipeline.emr.cluster_id", cluster).SetTag("pipeline.emr.step_id", stepId).SetTag("pipeline.emr.step_adopted", adopted);
        faults?.Hit(FaultPoint.MidStep);
        var step = await steps.WaitAsync(cluster, stepId, cancellationToken);

        var job = await lake.StatAsync(folder + "result.json", cancellationToken) is null
            ? null
            : SparkRunResult.Parse(await File.ReadAllTextAsync(await lake.GetLocalPathAsync(folder + "result.json", cancellationToken), cancellationToken));
        if (job is not { Succeeded: true })
        {
            var reason = job?.Error ?? step.Status?.FailureDetails?.Message ?? step.Status?.StateChangeReason?.Message ?? "no reason given";
            // Spark refusing the script (analysis, parse) fails the same way again; a lost step or node may pass.
            var permanent = job?.Error is { } e && (e.StartsWith("AnalysisException", StringComparison.Ordinal) || e.StartsWith("ParseException", StringComparison.Ordinal));
            throw new TransformException($"EMR step {stepId} on cluster {cluster} ended {step.Status?.State}: {reason}", transient: !permanent);
        }

        var written = new List<WrittenFile>();
        foreach (var output in job.Outputs)
        {
            var local = Path.Combine(request.OutputDir, output.Path);
            await CopyDownAsync(folder + "out/" + output.Path, local, cancellationToken);
            written.Add(new WrittenFile(output.Path, output.Partition, 0, output.Bytes));
        }

        await foreach (var item in lake.ListAsync(folder + "quarantine/", cancellationToken))
        {
            var relative = item.Key[(folder.Length + "quarantine/".Length)..];
            if (!relative.Split('/').Any(p => p.StartsWith('_') || p.StartsWith('.')))
            {
                await CopyDownAsync(item.Key, Path.Combine(request.QuarantineDir, relative), cancellationToken);
            }
        }

        var rows = ParquetInspector.Inspect([.. written.Select(f => Path.Combine(request.OutputDir, f.RelativePath))]).Rows;
        written = [.. written.Select(f => f with { Rows = rows.GetValueOrDefault(Path.Combine(request.OutputDir, f.RelativePath)) })];
        return SparkJob.Result(request, plan, job, written);
    }

    // The stage span's context rides on the step too, where EMR's console shows it beside the step.
    static string[] TraceConf(string? traceParent) => traceParent is null ? [] : ["--conf", $"spark.pipeline.traceparent={traceParent}"];

    async Task PutTextAsync(string key, string text, CancellationToken cancellationToken)
    {
        var temp = Path.Combine(Path.GetTempPath(), $"pipeline-emr-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(temp, text, cancellationToken);
        await lake.PutFileAsync(temp, key, move: true, cancellationToken);
    }

    async Task CopyDownAsync(string key, string local, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(local)!);
        File.Copy(await lake.GetLocalPathAsync(key, cancellationToken), local, overwrite: true);
    }

    static void Reset(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
    }

    static SparkRunResult EmptyJob(TransformRequest request, string attempt) => new(request.Spec.Id, request.RunId, attempt, "Succeeded", null,
        0, 0, 0, 0, [], 0, [], [], DateTimeOffset.MinValue, DateTimeOffset.MinValue);
}
