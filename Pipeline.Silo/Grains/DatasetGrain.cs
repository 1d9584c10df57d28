using Pipeline.Core.Datasets;
using Pipeline.Core.Grains;
using Pipeline.Core.Runs;
using Pipeline.Silo.Faults;
using Pipeline.Silo.Stages;
using Pipeline.Silo.Storage;

namespace Pipeline.Silo.Grains;

/// <summary>
/// The durable actor of one dataset: records arrivals exactly once, decides when runs start, drives
/// each run's stages with retries. Orleans runs one call at a time; every change is persisted
/// (ETag-checked) before any side effect starts, and long work runs outside the grain's turns.
/// </summary>
[GrainType("dataset")]
public sealed partial class DatasetGrain(
    [PersistentState("state", PipelineGrainStorage.Name)] IPersistentState<DatasetState> persisted,
    GrainServices services) : Grain, IDatasetGrain, IDatasetWorkGrain, IRemindable
{
    string Id => this.GetPrimaryKeyString();

    DatasetState State => persisted.State;

    public Task<RegisterResult> RegisterAsync(DatasetDefinition definition, CancellationToken cancellationToken = default) => ApplyAsync(async () =>
    {
        if (DatasetValidator.Validate(Id, definition, out var errors) is null)
        {
            throw new GrainException(GrainErrorKind.Invalid, "The dataset definition is invalid.", errors);
        }

        var created = State.Definition is null;
        if (created)
        {
            // Listed before it exists, never the other way round: a silo's folder watch may look a moment early.
            await GrainFactory.GetGrain<IDatasetRegistryGrain>(IDatasetRegistryGrain.Key).AddAsync(Id, cancellationToken);
        }

        var now = services.Time.GetUtcNow();
        State.Definition = definition;
        State.UpdatedAt = now;
        // A new definition may declare what was detected before: its files are sniffed afresh.
        State.CsvDialect = null;
        if (created)
        {
            State.RegisteredAt = now;
        }

        await PersistAsync();
        await DriveAsync(cancellationToken);
        return new RegisterResult(created, await StatusAsync(cancellationToken));
    });

    public Task<ArrivalsRecorded> RecordArrivalsAsync(IReadOnlyList<ArrivalNotice> arrivals, CancellationToken cancellationToken = default) => ApplyAsync(async () =>
    {
        RequireRegistered();
        // The reminder comes first: arrivals recorded just before a crash still get their run.
        await KeepReminderAsync(cancellationToken);
        var now = services.Time.GetUtcNow();
        var result = await services.Arrivals.AddAsync(Id, arrivals, now, cancellationToken);
        Recorded(result.Recorded, now);
        if (result.Recorded > 0)
        {
            services.Metrics.Arrived(Id, result.Recorded);
            services.Faults.Hit(FaultPoint.AfterArrival);
        }

        await DriveAsync(cancellationToken);
        return result;
    });

    public Task<RunStarted> TriggerRunAsync(CancellationToken cancellationToken = default) => ApplyAsync(async () =>
    {
        RequireRegistered();
        if (State.ActiveRun is { } active)
        {
            throw new GrainException(GrainErrorKind.Conflict, $"Run {active.RunId} is still in progress; try again when it ends.");
        }

        if ((await PendingAsync(cancellationToken)).Count == 0)
        {
            throw new GrainException(GrainErrorKind.Conflict, "There are no pending files to run; upload a file first.");
        }

        var run = CreateRun();
        await PersistAsync();
        await DriveAsync(cancellationToken);
        return new RunStarted(run.RunId);
    });

    public Task<RunStarted> RetryAsync(string runId, CancellationToken cancellationToken = default) => ApplyAsync(async () =>
    {
        RequireRegistered();
        var run = FindRun(runId);
        if (run.State != RunState.Failed)
        {
            throw new GrainException(GrainErrorKind.Conflict, $"Run {runId} is {run.State}; only a failed run can be retried{(run.State == RunState.Succeeded ? " (a succeeded one can be reprocessed: POST .../reprocess)" : "")}.");
        }

        RequireIdle();
        return await RestartAsync(run, cancellationToken);
    });

    public Task<RunStarted> ReprocessAsync(string runId, CancellationToken cancellationToken = default) => ApplyAsync(async () =>
    {
        RequireRegistered();
        var run = FindRun(runId);
        if (run.State != RunState.Succeeded)
        {
            throw new GrainException(GrainErrorKind.Conflict,
                $"Run {runId} is {run.State}; only a succeeded run can be reprocessed{(run.State == RunState.Failed ? " (retry a failed one)" : "")}.");
        }

        RequireIdle();
        if (await MarkReprocessedAsync(run, cancellationToken) is { } lost)
        {
            throw new GrainException(GrainErrorKind.Conflict,
                $"Run {runId} cannot be reprocessed without dropping rows: {lost}. The table keeps the run's output.");
        }

        return await RestartAsync(run, cancellationToken);
    });

    // A succeeded run made ready to be read again from its transform; refused before anything changes (with what
    // would be lost) when its raw content is gone, since its rows would leave the table.
    async Task<string?> MarkReprocessedAsync(RunRecord run, CancellationToken cancellationToken)
    {
        var inputs = await RunInputs.ResolveAsync(services.Arrivals, services.Lake, Id, run.RunId, download: false, cancellationToken);
        if (inputs.Lost(SkippedFiles(run.Quarantined)) is { } lost)
        {
            return lost;
        }

        run.Reprocessed++;
        run.Stage = Stage.Transform;
        return null;
    }

    // A run started again (retry, reprocess): a fresh attempt budget and a new root span.
    async Task<RunStarted> RestartAsync(RunRecord run, CancellationToken cancellationToken)
    {
        Restart(run);
        await PersistAsync();
        await DriveAsync(cancellationToken);
        return new RunStarted(run.RunId);
    }

    void Restart(RunRecord run)
    {
        run.Attempts.ForEach(a => a.Superseded = true);
        run.TraceParent = services.Spans.Start(Id, run.RunId, [System.Diagnostics.Activity.Current?.Id]) ?? run.TraceParent;
        run.State = RunState.Running;
        run.EndedAt = null;
        run.NextAttemptAt = null;
    }

    RunRecord FindRun(string runId) =>
        State.Runs.FirstOrDefault(r => r.RunId == runId)
        ?? throw new GrainException(GrainErrorKind.NotFound, $"Dataset '{Id}' has no run '{runId}'.");

    void RequireRegistered()
    {
        if (Spec is null)
        {
            throw new GrainException(GrainErrorKind.NotFound, "The dataset is not registered.");
        }
    }

    void RequireIdle()
    {
        if (State.ActiveRun is { } active)
        {
            throw new GrainException(GrainErrorKind.Conflict, $"Run {active.RunId} is in progress; try again when it ends.");
        }
    }

    RunRecord CreateRun()
    {
        var run = new RunRecord
        {
            RunId = DatasetDecisions.RunId(State.NextRunNumber++),
            State = RunState.Pending,
            Stage = Stage.Transform,
            CreatedAt = services.Time.GetUtcNow(),
        };
        State.Runs.Add(run);
        var finished = State.Runs.Count(r => r.State is RunState.Succeeded or RunState.Failed);
        if (finished > DatasetState.MaxRunsKept)
        {
            State.Runs.Remove(State.Runs.First(r => r.State is RunState.Succeeded or RunState.Failed));
        }

        return run;
    }
}
