using Pipeline.Core.Datasets;
using Pipeline.Core.Runs;
using Pipeline.Silo.State;

namespace Pipeline.Silo.Grains;

/// <summary>
/// The dataset grain's decisions as pure functions of (state, event, now): no I/O, no clock, no
/// randomness of their own, so every rule is unit-testable without a host.
/// </summary>
public static class DatasetDecisions
{
    static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(15);

    /// <summary>The next step, given the state, the pending arrivals and the time.</summary>
    public static GrainDecision Next(DatasetState state, DatasetSpec spec, PendingSummary pending, DateTimeOffset now)
    {
        if (state.ActiveRun is { } run)
        {
            if (run.Files is null)
            {
                return new GrainDecision.ClaimArrivals(run.RunId);
            }

            if (run.Current is not null)
            {
                return new GrainDecision.AwaitAttempt();
            }

            if (run.NextAttemptAt is { } at && at > now)
            {
                return new GrainDecision.WakeAt(at);
            }

            // Numbers keep counting across manual retries (superseded attempts too) so every attempt has its own token.
            return new GrainDecision.StartAttempt(run.RunId, run.Stage, run.Attempts.Count(a => a.Stage == run.Stage) + 1);
        }

        // A replay the user asked for goes before new arrivals.
        if (state.Replay?.Runs.FirstOrDefault(r => !r.Started && r.Skipped is null) is { } queued)
        {
            return new GrainDecision.ReplayNext(queued.RunId);
        }

        if (pending.Count == 0)
        {
            return new GrainDecision.Idle();
        }

        var due = pending.Oldest!.Value.AddSeconds(spec.BatchMaxWaitSeconds);
        return spec.BatchMaxWaitSeconds == 0 || pending.Count >= spec.BatchMaxFiles || due <= now
            ? new GrainDecision.CreateRun()
            : new GrainDecision.WakeAt(due);
    }

    /// <summary>The stage after <paramref name="stage"/>, or null when the run is done.</summary>
    public static Stage? After(Stage stage, DatasetSpec spec) => stage switch
    {
        Stage.Transform => Stage.Catalog,
        Stage.Catalog when spec.Views.Count > 0 => Stage.Curate,
        _ => null,
    };

    /// <summary>
    /// After a failed attempt: the time of the next attempt, or null when the run fails for good
    /// (a permanent error, or the dataset's attempt limit reached).
    /// </summary>
    /// <param name="jitter">A uniform random number in [0, 1) supplied by the caller (full jitter).</param>
    public static DateTimeOffset? RetryAt(DatasetSpec spec, int attemptsSoFar, bool transient, DateTimeOffset now, double jitter)
    {
        if (!transient || attemptsSoFar >= spec.RetryMaxAttempts)
        {
            return null;
        }

        return now + Backoff(attemptsSoFar, spec.RetryBaseDelaySeconds, jitter);
    }

    /// <summary>Exponential backoff with full jitter: uniform in [0, base * 2^(attempt-1)], capped at 15 minutes.</summary>
    public static TimeSpan Backoff(int attempt, double baseSeconds, double jitter)
    {
        var ceiling = Math.Min(MaxBackoff.TotalSeconds, baseSeconds * Math.Pow(2, Math.Max(0, attempt - 1)));
        return TimeSpan.FromSeconds(ceiling * Math.Clamp(jitter, 0, 1));
    }

    /// <summary>The deterministic token of an attempt: the same after a crash, so the job is found again.</summary>
    public static string Token(string dataset, string runId, Stage stage, int attempt) =>
        $"{dataset}/{runId}/{stage.ToString().ToLowerInvariant()}/{attempt}";

    /// <summary>Run ids sort in creation order.</summary>
    public static string RunId(int number) => $"run-{number:D6}";
}
