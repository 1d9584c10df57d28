using System.Text.Json.Serialization;
using Pipeline.Core.Datasets;
using Pipeline.Core.Runs;

namespace Pipeline.Silo.Grains;

/// <summary>The persisted state of one dataset grain (JSON in the grain store, ETag-checked).</summary>
[GenerateSerializer, Alias("pipeline.DatasetState")]
public sealed class DatasetState
{
    /// <summary>Most finished runs kept in the state; older ones are dropped (their arrivals stay in the log).</summary>
    public const int MaxRunsKept = 200;

    /// <summary>Null while the dataset is not registered.</summary>
    [Id(0)]
    public DatasetDefinition? Definition { get; set; }

    [Id(1)]
    public DateTimeOffset RegisteredAt { get; set; }

    /// <summary>When the definition last changed.</summary>
    [Id(2)]
    public DateTimeOffset UpdatedAt { get; set; }

    [Id(3)]
    public int NextRunNumber { get; set; } = 1;

    /// <summary>Recent runs, oldest first.</summary>
    [Id(4)]
    public List<RunRecord> Runs { get; set; } = [];

    /// <summary>When the grain must wake (retry backoff, batching window).</summary>
    [Id(5)]
    public DateTimeOffset? WakeAt { get; set; }

    /// <summary>
    /// The dialect the dataset's CSV files were all read with in its latest run that read any (null when they
    /// differed): later files whose first lines fit it are read with it rather than sniffed alone.
    /// </summary>
    [Id(6)]
    public Core.Transform.CsvDialect? CsvDialect { get; set; }

    /// <summary>The latest replay; its queued runs start one at a time, before new arrivals get a run.</summary>
    [Id(7)]
    public ReplayRecord? Replay { get; set; }

    /// <summary>The run in progress, if any (one run at a time keeps arrival order).</summary>
    [JsonIgnore]
    public RunRecord? ActiveRun => Runs.LastOrDefault(r => r.State is RunState.Pending or RunState.Running);
}

[GenerateSerializer, Alias("pipeline.RunRecord")]
public sealed class RunRecord
{
    /// <summary><c>run-000001</c>: run ids sort in creation order.</summary>
    [Id(0)]
    public required string RunId { get; set; }

    [Id(1)]
    public RunState State { get; set; }

    /// <summary>The stage running or next to run.</summary>
    [Id(2)]
    public Stage Stage { get; set; }

    /// <summary>Files claimed; null until the arrivals are claimed.</summary>
    [Id(3)]
    public int? Files { get; set; }

    [Id(4)]
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Ended (succeeded or failed).</summary>
    [Id(5)]
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>When the next attempt is due after a failure.</summary>
    [Id(6)]
    public DateTimeOffset? NextAttemptAt { get; set; }

    [Id(7)]
    public List<AttemptRecord> Attempts { get; set; } = [];

    /// <summary>Row counts once transformed.</summary>
    [Id(8)]
    public RunCounts? Counts { get; set; }

    /// <summary>What was set aside.</summary>
    [Id(9)]
    public List<QuarantineInfo> Quarantined { get; set; } = [];

    /// <summary>How many times the run was reprocessed (its files read again with the current definition).</summary>
    [Id(10)]
    public int Reprocessed { get; set; }

    /// <summary>W3C trace context of the run's root span.</summary>
    [Id(11)]
    public string? TraceParent { get; set; }

    /// <summary>How each file was read and what was set aside from it.</summary>
    [Id(13)]
    public List<SourceFileInfo> Sources { get; set; } = [];

    /// <summary>How the run's rows fared against the dataset's expectations (a run failed by one included).</summary>
    [Id(14)]
    public List<Core.Expectations.ExpectationResult> Expectations { get; set; } = [];

    /// <summary>How the run's files differed from the table, and what the dataset's schemaDrift did.</summary>
    [Id(15)]
    public List<SchemaDriftInfo> SchemaDrift { get; set; } = [];

    /// <summary>Which engine ran the transform and why.</summary>
    [Id(16)]
    public EngineChoice? Engine { get; set; }

    /// <summary>The attempt in flight, if any.</summary>
    [JsonIgnore]
    public AttemptRecord? Current => Attempts.LastOrDefault(a => a.EndedAt is null);

    /// <summary>Attempts of one stage since the run was last (re)started.</summary>
    public int AttemptsOf(Stage stage) => Attempts.Count(a => a.Stage == stage && !a.Superseded);
}

[GenerateSerializer, Alias("pipeline.AttemptRecord")]
public sealed class AttemptRecord
{
    [Id(0)]
    public Stage Stage { get; set; }

    /// <summary>1-based attempt number within the stage, counted across manual retries.</summary>
    [Id(1)]
    public int Attempt { get; set; }

    /// <summary>Deterministic (<c>dataset/run/stage/attempt</c>): finds the job again after a crash.</summary>
    [Id(2)]
    public required string Token { get; set; }

    [Id(3)]
    public DateTimeOffset StartedAt { get; set; }

    /// <summary>Null while in flight.</summary>
    [Id(4)]
    public DateTimeOffset? EndedAt { get; set; }

    [Id(5)]
    public string? Error { get; set; }

    [Id(6)]
    public bool? Transient { get; set; }

    /// <summary>True for attempts before a manual retry (they no longer count against the limit).</summary>
    [Id(7)]
    public bool Superseded { get; set; }
}

[GenerateSerializer, Alias("pipeline.ReplayRecord")]
public sealed class ReplayRecord
{
    [Id(0)]
    public DateTimeOffset StartedAt { get; set; }

    [Id(1)]
    public List<ReplayItem> Runs { get; set; } = [];
}

[GenerateSerializer, Alias("pipeline.ReplayItem")]
public sealed class ReplayItem
{
    [Id(0)]
    public required string RunId { get; set; }

    /// <summary>True to retry (a failed run), false to reprocess (a succeeded one).</summary>
    [Id(1)]
    public bool Retry { get; set; }

    [Id(2)]
    public required SetAsideCounts Before { get; set; }

    /// <summary>The run was started again (false while it waits its turn).</summary>
    [Id(3)]
    public bool Started { get; set; }

    /// <summary>Why the run was not started again.</summary>
    [Id(4)]
    public string? Skipped { get; set; }
}
