using System.Text.Json;
using Pipeline.Core.Datasets;
using Pipeline.Core.Runs;

namespace Pipeline.Silo.Grains;

public sealed partial class DatasetGrain
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A stage runner reports a finished attempt; stale tokens (an older attempt) are ignored.</summary>
    public async Task OnStageCompletedAsync(string token, StageOutcome outcome, CancellationToken cancellationToken = default)
    {
        var spec = await SpecAsync(cancellationToken);
        if (spec is null || state.ActiveRun is not { Current: { } attempt } run || attempt.Token != token)
        {
            return;
        }

        var now = services.Time.GetUtcNow();
        attempt.EndedAt = now;
        services.Metrics.StageEnded(Id, run.Stage, now - attempt.StartedAt, succeeded: true);
        if (outcome.Counts is not null)
        {
            run.Counts = outcome.Counts;
            run.Quarantined = [.. outcome.Quarantined];
            services.Metrics.Rows(Id, outcome.Counts);
        }

        if (DatasetDecisions.After(run.Stage, spec) is { } next)
        {
            run.Stage = next;
        }
        else
        {
            run.State = RunState.Succeeded;
            run.EndedAt = now;
        }

        await PersistAsync(cancellationToken);
        if (run.State == RunState.Succeeded)
        {
            services.Metrics.RunEnded(Id, run.State);
            services.Spans.End(Id, run.RunId, run.State, run.Counts, null);
        }

        await DriveAsync(cancellationToken);
    }

    /// <summary>A stage runner reports a failed attempt: retry with backoff, or fail the run.</summary>
    public async Task OnStageFailedAsync(string token, string error, bool transient, CancellationToken cancellationToken = default)
    {
        var spec = await SpecAsync(cancellationToken);
        if (spec is null || state.ActiveRun is not { Current: { } attempt } run || attempt.Token != token)
        {
            return;
        }

        var now = services.Time.GetUtcNow();
        attempt.EndedAt = now;
        attempt.Error = error;
        attempt.Transient = transient;
        services.Metrics.StageEnded(Id, run.Stage, now - attempt.StartedAt, succeeded: false);
        var retryAt = DatasetDecisions.RetryAt(spec, run.AttemptsOf(run.Stage), transient, now, services.Jitter());
        if (retryAt is null)
        {
            run.State = RunState.Failed;
            run.EndedAt = now;
        }

        run.NextAttemptAt = retryAt;
        await PersistAsync(cancellationToken);
        if (retryAt is null)
        {
            services.Metrics.RunEnded(Id, run.State);
            services.Spans.End(Id, run.RunId, run.State, run.Counts, error);
        }
        else
        {
            services.Metrics.Retried(Id, run.Stage);
        }

        await DriveAsync(cancellationToken);
    }

    /// <summary>Applies decisions until the grain has to wait (for an attempt, a time, or new arrivals).</summary>
    async Task DriveAsync(CancellationToken cancellationToken)
    {
        var spec = await SpecAsync(cancellationToken) ?? throw new InvalidOperationException("not registered");
        while (true)
        {
            var pending = await services.Arrivals.PendingAsync(Id, cancellationToken);
            services.Metrics.Pending(Id, pending.Count);
            var now = services.Time.GetUtcNow();
            switch (DatasetDecisions.Next(state, spec, pending, now))
            {
                case GrainDecision.CreateRun:
                    CreateRun();
                    await PersistAsync(cancellationToken);
                    break;
                case GrainDecision.ClaimArrivals claim:
                    var run = FindRun(claim.RunId);
                    run.Files = await services.Arrivals.ClaimAsync(Id, run.RunId, spec.BatchMaxFiles, cancellationToken);
                    var claimed = await services.Arrivals.ForRunAsync(Id, run.RunId, cancellationToken);
                    run.TraceParent = services.Spans.Start(Id, run.RunId, claimed.Select(a => a.TraceParent).ToList());
                    run.State = RunState.Running;
                    await PersistAsync(cancellationToken);
                    break;
                case GrainDecision.StartAttempt start:
                    var target = FindRun(start.RunId);
                    var attempt = new AttemptRecord
                    {
                        Stage = start.Stage,
                        Attempt = start.Attempt,
                        Token = DatasetDecisions.Token(Id, start.RunId, start.Stage, start.Attempt),
                        StartedAt = now,
                    };
                    target.Attempts.Add(attempt);
                    target.NextAttemptAt = null;
                    await PersistAsync(cancellationToken);
                    services.Runner.Start(Work(target, attempt));
                    return;
                case GrainDecision.WakeAt wake:
                    await SetWakeAsync(wake.At, cancellationToken);
                    return;
                default:
                    await SetWakeAsync(null, cancellationToken);
                    return;
            }
        }
    }

    StageWork Work(RunRecord run, AttemptRecord attempt) =>
        new(Id, Spec!, run.RunId, attempt.Stage, attempt.Attempt, attempt.Token, run.TraceParent, run.CreatedAt, run.Reprocessed,
            run.Reprocessed > 0 ? SkippedFiles(run.Quarantined) : null);

    /// <summary>The raw keys a pass set aside without reading (gone or replaced): their quarantine entries have no location.</summary>
    public static List<string> SkippedFiles(IEnumerable<QuarantineInfo> quarantined) =>
        quarantined.Where(q => q.Location is null).Select(q => q.SourceKey).ToList();

    async Task SetWakeAsync(DateTimeOffset? at, CancellationToken cancellationToken)
    {
        if (state.WakeAt != at)
        {
            state.WakeAt = at;
            await PersistAsync(cancellationToken);
        }
    }

    DatasetSpec? Spec { get; set; }

    DatasetDefinition? specSource;

    // Validated once per definition object (a registration or a reload replaces it), not on every call.
    async Task<DatasetSpec?> SpecAsync(CancellationToken cancellationToken)
    {
        await EnsureLoadedAsync(cancellationToken);
        if (!ReferenceEquals(specSource, state.Definition))
        {
            specSource = state.Definition;
            Spec = state.Definition is null ? null : DatasetValidator.Validate(Id, state.Definition, out _);
        }

        return Spec;
    }

    async Task EnsureLoadedAsync(CancellationToken cancellationToken)
    {
        if (loaded)
        {
            return;
        }

        var record = await services.Store.ReadAsync(Id, cancellationToken);
        state = record is null ? new DatasetState() : JsonSerializer.Deserialize<DatasetState>(record.Json, Json)!;
        version = record?.Version ?? 0;
        loaded = true;
    }

    /// <summary>Forgets the in-memory state; the next call reloads it (after a lost conditional write).</summary>
    internal void Reset() => loaded = false;

    async Task PersistAsync(CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(state, Json);
        version = await services.Store.WriteAsync(Id, json, version, state.WakeAt, cancellationToken);
    }
}
