using Pipeline.Core.Datasets;
using Pipeline.Core.Runs;

namespace Pipeline.Silo.Grains;

/// <summary>The persisted state of one dataset grain (serialized as JSON, written with a version check).</summary>
public sealed class DatasetState
{
    /// <summary>Most finished runs kept in the state; older ones are dropped (their arrivals stay in the log).</summary>
    public const int MaxRunsKept = 200;

    /// <summary>The registered definition; null while the dataset is not registered.</summary>
    public DatasetDefinition? Definition { get; set; }

    /// <summary>When it was first registered.</summary>
    public DateTimeOffset RegisteredAt { get; set; }

    /// <summary>When the definition last changed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Number of the next run.</summary>
    public int NextRunNumber { get; set; } = 1;

    /// <summary>Recent runs, oldest first.</summary>
    public List<RunRecord> Runs { get; set; } = [];

    /// <summary>When the reminder loop must wake the grain (retry backoff, batching window).</summary>
    public DateTimeOffset? WakeAt { get; set; }

    /// <summary>The run in progress, if any (one run at a time keeps arrival order).</summary>
    public RunRecord? ActiveRun => Runs.LastOrDefault(r => r.State is RunState.Pending or RunState.Running);
}

/// <summary>One run in the grain state.</summary>
public sealed class RunRecord
{
    /// <summary>Run id, <c>run-000001</c>.</summary>
    public required string RunId { get; set; }

    /// <summary>State.</summary>
    public RunState State { get; set; }

    /// <summary>The stage running or next to run.</summary>
    public Stage Stage { get; set; }

    /// <summary>Files claimed; null until the arrivals are claimed.</summary>
    public int? Files { get; set; }

    /// <summary>Created.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Ended (succeeded or failed).</summary>
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>When the next attempt is due after a failure.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>Every stage attempt, in order.</summary>
    public List<AttemptRecord> Attempts { get; set; } = [];

    /// <summary>Row counts once transformed.</summary>
    public RunCounts? Counts { get; set; }

    /// <summary>What was set aside.</summary>
    public List<QuarantineInfo> Quarantined { get; set; } = [];

    /// <summary>How many times the run was reprocessed (its files read again with the current definition).</summary>
    public int Reprocessed { get; set; }

    /// <summary>W3C trace context of the run's root span.</summary>
    public string? TraceParent { get; set; }

    /// <summary>The attempt in flight, if any.</summary>
    public AttemptRecord? Current => Attempts.LastOrDefault(a => a.EndedAt is null);

    /// <summary>Attempts of one stage since the run was last (re)started.</summary>
    public int AttemptsOf(Stage stage) => Attempts.Count(a => a.Stage == stage && !a.Superseded);
}

/// <summary>One stage attempt.</summary>
public sealed class AttemptRecord
{
    /// <summary>Stage.</summary>
    public Stage Stage { get; set; }

    /// <summary>1-based attempt number within the stage.</summary>
    public int Attempt { get; set; }

    /// <summary>Deterministic token (<c>dataset/run/stage/attempt</c>) to find the job again after a crash.</summary>
    public required string Token { get; set; }

    /// <summary>Started.</summary>
    public DateTimeOffset StartedAt { get; set; }

    /// <summary>Ended; null while in flight.</summary>
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>Failure reason.</summary>
    public string? Error { get; set; }

    /// <summary>Whether the failure was transient.</summary>
    public bool? Transient { get; set; }

    /// <summary>True for attempts before a manual retry (they no longer count against the limit).</summary>
    public bool Superseded { get; set; }
}
