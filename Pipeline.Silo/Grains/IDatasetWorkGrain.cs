namespace Pipeline.Silo.Grains;

/// <summary>
/// The dataset grain's side for the silo's own workers: stage runners report attempts, and anything may wake
/// it (a reminder does, after a crash). Not exposed to the Api.
/// </summary>
[Alias("pipeline.IDatasetWorkGrain")]
public interface IDatasetWorkGrain : IGrainWithStringKey
{
    /// <summary>An attempt succeeded; a stale token (an older attempt) is ignored.</summary>
    Task StageCompletedAsync(string token, StageOutcome outcome, CancellationToken cancellationToken = default);

    /// <summary>An attempt failed: retried with backoff, or the run fails (with the expectation results, when one failed it).</summary>
    Task StageFailedAsync(string token, string error, bool transient, IReadOnlyList<Core.Expectations.ExpectationResult>? expectations = null,
        CancellationToken cancellationToken = default);

    /// <summary>Re-adopts an attempt left in flight by a crash and applies whatever is due.</summary>
    Task WakeAsync(CancellationToken cancellationToken = default);
}
