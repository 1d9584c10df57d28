using Pipeline.Core.Datasets;
using Pipeline.Core.Runs;
using Pipeline.Silo.Faults;

namespace Pipeline.Silo.Grains;

/// <summary>
/// The durable actor of one dataset: records arrivals exactly once, decides when runs start, drives
/// each run's stages with retries. Calls are serialized by its activation; every change is persisted
/// (version-checked) before any side effect starts.
/// </summary>
public sealed partial class DatasetGrain(string id, GrainServices services)
{
    DatasetState state = new();
    long version;
    bool loaded;

    /// <summary>The dataset id (grain key).</summary>
    public string Id { get; } = id;

    /// <summary>Registers or updates the definition.</summary>
    public async Task<RegisterResult> RegisterAsync(DatasetDefinition definition, CancellationToken cancellationToken = default)
    {
        await EnsureLoadedAsync(cancellationToken);
        if (DatasetValidator.Validate(Id, definition, out var errors) is null)
        {
            throw new GrainException(GrainErrorKind.Invalid, "The dataset definition is invalid.", errors);
        }

        var created = state.Definition is null;
        var now = services.Time.GetUtcNow();
        state.Definition = definition;
        state.UpdatedAt = now;
        if (created)
        {
            state.RegisteredAt = now;
        }

        await PersistAsync(cancellationToken);
        services.Registered(Id);
        await DriveAsync(cancellationToken);
        return new RegisterResult(created, await GetStatusAsync(cancellationToken));
    }

    /// <summary>Records arrivals; a (key, ETag) seen before is a no-op.</summary>
    public async Task<ArrivalsRecorded> RecordArrivalsAsync(IReadOnlyList<ArrivalNotice> arrivals, CancellationToken cancellationToken = default)
    {
        RequireRegistered(await SpecAsync(cancellationToken));
        var result = await services.Arrivals.AddAsync(Id, arrivals, services.Time.GetUtcNow(), cancellationToken);
        if (result.Recorded > 0)
        {
            services.Metrics.Arrived(Id, result.Recorded);
            services.Faults.Hit(FaultPoint.AfterArrival);
            await DriveAsync(cancellationToken);
        }

        return result;
    }

    /// <summary>Starts a run of the pending files now, whatever the batching policy says.</summary>
    public async Task<RunStarted> TriggerRunAsync(CancellationToken cancellationToken = default)
    {
        RequireRegistered(await SpecAsync(cancellationToken));
        if (state.ActiveRun is { } active)
        {
            throw new GrainException(GrainErrorKind.Conflict, $"Run {active.RunId} is still in progress; try again when it ends.");
        }

        var pending = await services.Arrivals.PendingAsync(Id, cancellationToken);
        if (pending.Count == 0)
        {
            throw new GrainException(GrainErrorKind.Conflict, "There are no pending files to run; upload a file first.");
        }

        var run = CreateRun();
        await PersistAsync(cancellationToken);
        await DriveAsync(cancellationToken);
        return new RunStarted(run.RunId);
    }

    /// <summary>Starts a failed run again from the stage that failed, with a fresh attempt budget.</summary>
    public async Task<RunStarted> RetryAsync(string runId, CancellationToken cancellationToken = default)
    {
        RequireRegistered(await SpecAsync(cancellationToken));
        var run = FindRun(runId);
        if (run.State != RunState.Failed)
        {
            throw new GrainException(GrainErrorKind.Conflict, $"Run {runId} is {run.State}; only a failed run can be retried{(run.State == RunState.Succeeded ? " (a succeeded one can be reprocessed: POST .../reprocess)" : "")}.");
        }

        if (state.ActiveRun is { } active)
        {
            throw new GrainException(GrainErrorKind.Conflict, $"Run {active.RunId} is in progress; retry when it ends.");
        }

        return await RestartAsync(run, cancellationToken);
    }

    /// <summary>
    /// Runs a succeeded run again from Transform over the same files with the current definition (a fixed schema
    /// or time format); its commit replaces the run's earlier output, so no row is doubled.
    /// </summary>
    public async Task<RunStarted> ReprocessAsync(string runId, CancellationToken cancellationToken = default)
    {
        RequireRegistered(await SpecAsync(cancellationToken));
        var run = FindRun(runId);
        if (run.State != RunState.Succeeded)
        {
            throw new GrainException(GrainErrorKind.Conflict,
                $"Run {runId} is {run.State}; only a succeeded run can be reprocessed{(run.State == RunState.Failed ? " (retry a failed one)" : "")}.");
        }

        if (state.ActiveRun is { } active)
        {
            throw new GrainException(GrainErrorKind.Conflict, $"Run {active.RunId} is in progress; reprocess when it ends.");
        }

        run.Reprocessed++;
        run.Stage = Stage.Transform;
        return await RestartAsync(run, cancellationToken);
    }

    // A run started again (retry, reprocess): a fresh attempt budget and a new root span.
    async Task<RunStarted> RestartAsync(RunRecord run, CancellationToken cancellationToken)
    {
        run.Attempts.ForEach(a => a.Superseded = true);
        run.TraceParent = services.Spans.Start(Id, run.RunId, [System.Diagnostics.Activity.Current?.Id]) ?? run.TraceParent;
        run.State = RunState.Running;
        run.EndedAt = null;
        run.NextAttemptAt = null;
        await PersistAsync(cancellationToken);
        await DriveAsync(cancellationToken);
        return new RunStarted(run.RunId);
    }

    /// <summary>Wakes up: a batching window or a retry backoff has passed, or the silo restarted.</summary>
    public async Task OnReminderAsync(CancellationToken cancellationToken = default)
    {
        if (await SpecAsync(cancellationToken) is null)
        {
            return;
        }

        if (state.ActiveRun?.Current is { } current && !services.Runner.IsRunning(current.Token))
        {
            // Re-adopt an attempt left "started" by a crash: the same token re-executes into the same run folder.
            services.Runner.Start(Work(state.ActiveRun, current));
            return;
        }

        await DriveAsync(cancellationToken);
    }

    RunRecord FindRun(string runId) =>
        state.Runs.FirstOrDefault(r => r.RunId == runId)
        ?? throw new GrainException(GrainErrorKind.NotFound, $"Dataset '{Id}' has no run '{runId}'.");

    static void RequireRegistered(DatasetSpec? spec)
    {
        if (spec is null)
        {
            throw new GrainException(GrainErrorKind.NotFound, "The dataset is not registered.");
        }
    }

    RunRecord CreateRun()
    {
        var run = new RunRecord
        {
            RunId = DatasetDecisions.RunId(state.NextRunNumber++),
            State = RunState.Pending,
            Stage = Stage.Transform,
            CreatedAt = services.Time.GetUtcNow(),
        };
        state.Runs.Add(run);
        var finished = state.Runs.Count(r => r.State is RunState.Succeeded or RunState.Failed);
        if (finished > DatasetState.MaxRunsKept)
        {
            state.Runs.Remove(state.Runs.First(r => r.State is RunState.Succeeded or RunState.Failed));
        }

        return run;
    }
}
