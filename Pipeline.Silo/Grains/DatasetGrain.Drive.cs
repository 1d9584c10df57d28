using Orleans.Storage;
using Pipeline.Core.Datasets;
using Pipeline.Core.Grains;
using Pipeline.Core.Runs;

namespace Pipeline.Silo.Grains;

public sealed partial class DatasetGrain
{
    public Task StageCompletedAsync(string token, StageOutcome outcome, CancellationToken cancellationToken = default) => ApplyAsync(async () =>
    {
        if (Spec is not { } spec || State.ActiveRun is not { Current: { } attempt } run || attempt.Token != token)
        {
            return 0;
        }

        var now = services.Time.GetUtcNow();
        attempt.EndedAt = now;
        services.Metrics.StageEnded(Id, run.Stage, now - attempt.StartedAt, succeeded: true);
        if (outcome.Counts is not null)
        {
            run.Counts = outcome.Counts;
            run.Quarantined = [.. outcome.Quarantined];
            run.Sources = [.. outcome.Sources ?? []];
            run.Expectations = [.. outcome.Expectations ?? []];
            run.SchemaDrift = [.. outcome.SchemaDrift ?? []];
            run.Engine = outcome.Engine;
            services.Metrics.Expectations(Id, run.Expectations);
            State.CsvDialect = outcome.CsvDialects switch
            {
                [var agreed] => agreed,
                [_, _, ..] => null,
                _ => State.CsvDialect,
            };
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

        await PersistAsync();
        if (run.State == RunState.Succeeded)
        {
            services.Metrics.RunEnded(Id, run.State);
            services.Spans.End(Id, run.RunId, run.State, run.Counts, null, run.Expectations);
        }

        await DriveAsync(cancellationToken);
        return 0;
    });

    public Task StageFailedAsync(string token, string error, bool transient, IReadOnlyList<Core.Expectations.ExpectationResult>? expectations = null,
        CancellationToken cancellationToken = default) => ApplyAsync(async () =>
    {
        if (Spec is not { } spec || State.ActiveRun is not { Current: { } attempt } run || attempt.Token != token)
        {
            return 0;
        }

        var now = services.Time.GetUtcNow();
        attempt.EndedAt = now;
        attempt.Error = error;
        attempt.Transient = transient;
        if (expectations is not null)
        {
            run.Expectations = [.. expectations];
            services.Metrics.Expectations(Id, run.Expectations);
        }

        services.Metrics.StageEnded(Id, run.Stage, now - attempt.StartedAt, succeeded: false);
        var retryAt = DatasetDecisions.RetryAt(spec, run.AttemptsOf(run.Stage), transient, now, services.Jitter());
        if (retryAt is null)
        {
            run.State = RunState.Failed;
            run.EndedAt = now;
        }

        run.NextAttemptAt = retryAt;
        await PersistAsync();
        if (retryAt is null)
        {
            services.Metrics.RunEnded(Id, run.State);
            services.Spans.End(Id, run.RunId, run.State, run.Counts, error, run.Expectations);
        }
        else
        {
            services.Metrics.Retried(Id, run.Stage);
        }

        await DriveAsync(cancellationToken);
        return 0;
    });

    public Task WakeAsync(CancellationToken cancellationToken = default) => ApplyAsync(async () =>
    {
        if (Spec is null)
        {
            return 0;
        }

        if (State.ActiveRun is { Current: { } current } run && !services.Runner.IsRunning(current.Token))
        {
            // Re-adopt an attempt left "started" by a crash: the same token re-executes into the same run folder.
            services.Runner.Start(Work(run, current));
            return 0;
        }

        await DriveAsync(cancellationToken);
        return 0;
    });

    /// <summary>Applies decisions until the grain has to wait (for an attempt, a time, or new arrivals).</summary>
    async Task DriveAsync(CancellationToken cancellationToken)
    {
        var spec = Spec ?? throw new InvalidOperationException("not registered");
        while (true)
        {
            var waiting = await PendingAsync(cancellationToken);
            services.Metrics.Pending(Id, waiting.Count);
            var now = services.Time.GetUtcNow();
            switch (DatasetDecisions.Next(State, spec, waiting, now))
            {
                case GrainDecision.CreateRun:
                    CreateRun();
                    await PersistAsync();
                    break;
                case GrainDecision.ClaimArrivals claim:
                    var run = FindRun(claim.RunId);
                    run.Files = await services.Arrivals.ClaimAsync(Id, run.RunId, spec.BatchMaxFiles, cancellationToken);
                    pending = null;
                    var claimed = await services.Arrivals.ForRunAsync(Id, run.RunId, cancellationToken);
                    run.TraceParent = services.Spans.Start(Id, run.RunId, claimed.Select(a => a.TraceParent).ToList());
                    run.State = RunState.Running;
                    await PersistAsync();
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
                    await KeepReminderAsync(cancellationToken);
                    await PersistAsync();
                    services.Runner.Start(Work(target, attempt));
                    return;
                case GrainDecision.ReplayNext next:
                    await ReplayNextAsync(next.RunId, cancellationToken);
                    break;
                case GrainDecision.WakeAt wake:
                    await WakeAtAsync(wake.At, cancellationToken);
                    return;
                case GrainDecision.AwaitAttempt:
                    return;
                default:
                    await WakeAtAsync(null, cancellationToken);
                    return;
            }
        }
    }

    StageWork Work(RunRecord run, AttemptRecord attempt) =>
        new(Id, Spec!, run.RunId, attempt.Stage, attempt.Attempt, attempt.Token, run.TraceParent, run.CreatedAt, run.Reprocessed,
            run.Reprocessed > 0 ? SkippedFiles(run.Quarantined) : null, State.CsvDialect);

    /// <summary>The raw keys a pass set aside without reading (gone or replaced): their quarantine entries have no location.</summary>
    public static List<string> SkippedFiles(IEnumerable<QuarantineInfo> quarantined) =>
        quarantined.Where(q => q.Location is null).Select(q => q.SourceKey).ToList();

    DatasetDefinition? specSource;
    DatasetSpec? spec;

    // Validated once per definition object (a registration or a reload replaces it), not on every call.
    DatasetSpec? Spec
    {
        get
        {
            if (!ReferenceEquals(specSource, State.Definition))
            {
                specSource = State.Definition;
                spec = State.Definition is null ? null : DatasetValidator.Validate(Id, State.Definition, out _);
            }

            return spec;
        }
    }

    Task PersistAsync() => persisted.WriteStateAsync();

    /// <summary>
    /// Runs a call. A write lost to another activation (possible while the cluster's membership changes) reloads
    /// the state and re-applies the call; any other failure but a refusal drops this activation, so the next call
    /// starts from what is stored rather than from memory the failed call may have changed.
    /// </summary>
    async Task<T> ApplyAsync<T>(Func<Task<T>> call)
    {
        const int MaxAttempts = 3;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (InconsistentStateException) when (attempt < MaxAttempts)
            {
                await persisted.ReadStateAsync();
                pending = null;
                total = null;
            }
            catch (Exception ex) when (ex is not GrainException)
            {
                DeactivateOnIdle();
                throw;
            }
        }
    }
}
