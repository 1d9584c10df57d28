using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using Pipeline.Core.Runs;
using Pipeline.Core.Transform;
using Pipeline.Spark.Engine;

namespace Pipeline.Silo.Engines;

/// <summary>
/// Picks the engine of each run: DuckDB in the silo for small batches (no cluster to wait for), EMR for big ones,
/// by the bytes of the run's files against the dataset's threshold or the silo's. The choice and its reason go on
/// the run and its stage span.
/// </summary>
public sealed class CostRoutedTransformEngine(DuckDbTransformEngine duckDb, EmrTransformEngine? emr, IOptions<TransformOptions> options) : ITransformEngine
{
    public async Task<TransformResult> RunAsync(TransformRequest request, CancellationToken cancellationToken = default)
    {
        var choice = Choose(request, options.Value);
        Activity.Current?.SetTag("pipeline.engine", choice.Engine).SetTag("pipeline.engine.reason", choice.Reason);
        var result = choice.Engine == "emr"
            ? await (emr ?? throw new InvalidOperationException("EMR is not configured (Pipeline:Transform:Engine).")).RunAsync(request, cancellationToken)
            : await duckDb.RunAsync(request, cancellationToken);
        return result with { Engine = choice };
    }

    /// <summary>The engine of a run and why.</summary>
    public static EngineChoice Choose(TransformRequest request, TransformOptions options)
    {
        var files = request.Files.Count;
        var bytes = request.Files.Sum(f => File.Exists(f.Path) ? new FileInfo(f.Path).Length : 0);
        var what = $"{Size(bytes)} in {files} {(files == 1 ? "file" : "files")}";
        switch (options.Engine)
        {
            case TransformEngineKind.DuckDb:
                return new EngineChoice("duckdb", $"{what}; Pipeline:Transform:Engine is DuckDb");
            case TransformEngineKind.Emr:
                return new EngineChoice("emr", $"{what}; Pipeline:Transform:Engine is Emr");
        }

        var (threshold, whose) = request.Spec.EmrAboveBytes is { } own ? (own, "the dataset's") : (options.EmrAboveBytes, "the default");
        return bytes > threshold
            ? new EngineChoice("emr", $"{what}, over {whose} EMR threshold of {Size(threshold)}")
            : new EngineChoice("duckdb", $"{what}, within {whose} EMR threshold of {Size(threshold)}");
    }

    static string Size(long bytes) => bytes switch
    {
        < 1000 => $"{bytes} B",
        < 1_000_000 => (bytes / 1e3).ToString("0.#", CultureInfo.InvariantCulture) + " kB",
        < 1_000_000_000 => (bytes / 1e6).ToString("0.#", CultureInfo.InvariantCulture) + " MB",
        _ => (bytes / 1e9).ToString("0.##", CultureInfo.InvariantCulture) + " GB",
    };
}
