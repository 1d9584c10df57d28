using Pipeline.Core.Runs;

namespace Pipeline.Silo.Grains;

/// <summary>What a dataset grain does next; produced by <see cref="DatasetDecisions.Next"/>.</summary>
public abstract record GrainDecision
{
    /// <summary>Nothing to do: no pending arrivals, no run.</summary>
    public sealed record Idle : GrainDecision;

    /// <summary>An attempt is in flight; wait for its report.</summary>
    public sealed record AwaitAttempt : GrainDecision;

    /// <summary>Sleep until the given time (batching window or retry backoff).</summary>
    public sealed record WakeAt(DateTimeOffset At) : GrainDecision;

    /// <summary>Create a new run for the pending arrivals.</summary>
    public sealed record CreateRun : GrainDecision;

    /// <summary>Give the run its arrivals.</summary>
    public sealed record ClaimArrivals(string RunId) : GrainDecision;

    /// <summary>Start the replay's next queued run again.</summary>
    public sealed record ReplayNext(string RunId) : GrainDecision;

    /// <summary>Start attempt number <paramref name="Attempt"/> of a stage (counted across manual retries).</summary>
    public sealed record StartAttempt(string RunId, Stage Stage, int Attempt) : GrainDecision;
}
