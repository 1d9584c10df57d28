using Pipeline.Core.Datasets;
using Pipeline.Core.Runs;
using Pipeline.Core.Transform;

namespace Pipeline.Silo.Grains;

/// <summary>One stage attempt handed from a grain to a stage runner.</summary>
/// <param name="RunCreatedAt">Also the run's <c>_ingested_at</c>: the same in every attempt.</param>
/// <param name="Reprocessed">0 for the run's first pass; n for its n-th reprocessing, whose commit replaces the earlier output.</param>
/// <param name="SkippedBefore">Raw keys the run's earlier pass could not read (gone or replaced): a reprocess loses nothing by them.</param>
/// <param name="KnownCsv">The dialect the dataset's earlier CSV files agreed on, if they did.</param>
public sealed record StageWork(
    string Dataset, DatasetSpec Spec, string RunId, Stage Stage, int Attempt, string Token, string? TraceParent, DateTimeOffset RunCreatedAt,
    int Reprocessed = 0, IReadOnlyList<string>? SkippedBefore = null, CsvDialect? KnownCsv = null);

/// <summary>What a successful attempt reports back.</summary>
/// <param name="CsvDialects">The different dialects the run's CSV files were read with (one when they agree).</param>
[GenerateSerializer, Immutable, Alias("pipeline.StageOutcome")]
public sealed record StageOutcome(
    RunCounts? Counts, IReadOnlyList<QuarantineInfo> Quarantined, IReadOnlyList<SourceFileInfo>? Sources = null, IReadOnlyList<CsvDialect>? CsvDialects = null,
    IReadOnlyList<Core.Expectations.ExpectationResult>? Expectations = null, IReadOnlyList<SchemaDriftInfo>? SchemaDrift = null,
    EngineChoice? Engine = null);

/// <summary>
/// Runs stage attempts outside grain turns (long work never blocks a grain) and reports back through
/// <see cref="IDatasetWorkGrain"/>.
/// </summary>
public interface IStageRunner
{
    /// <summary>Starts the attempt unless one with the same token already runs here.</summary>
    void Start(StageWork work);

    /// <summary>True while an attempt with that token runs in this process.</summary>
    bool IsRunning(string token);
}
