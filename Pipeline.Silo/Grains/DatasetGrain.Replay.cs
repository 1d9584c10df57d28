using Pipeline.Core.Grains;
using Pipeline.Core.Runs;

namespace Pipeline.Silo.Grains;

/// <summary>
/// Replay: after the user fixed the definition, every run that set something aside is read again with it, one run
/// at a time (a succeeded run reprocessed, so its new output replaces the old and nothing doubles; a failed run
/// retried). The queue is kept in the persisted state.
/// </summary>
public sealed partial class DatasetGrain
{
    public Task<ReplayInfo> ReplayAsync(CancellationToken cancellationToken = default) => ApplyAsync(async () =>
    {
        RequireRegistered();
        RequireIdle();
        if (State.Replay is { } earlier && earlier.Runs.Any(r => !r.Started && r.Skipped is null))
        {
            throw new GrainException(GrainErrorKind.Conflict, "A replay is in progress; GET .../replay shows it.");
        }

        var items = State.Runs
            .Where(r => r.State == RunState.Failed || r.State == RunState.Succeeded && SetAside(r).Any)
            .Select(r => new ReplayItem { RunId = r.RunId, Retry = r.State == RunState.Failed, Before = SetAside(r) })
            .ToList();
        if (items.Count == 0)
        {
            throw new GrainException(GrainErrorKind.Conflict, "Nothing is set aside: no run quarantined a file, a row or a line, and none failed.");
        }

        State.Replay = new ReplayRecord { StartedAt = services.Time.GetUtcNow(), Runs = items };
        await PersistAsync();
        await DriveAsync(cancellationToken);
        return Info(State.Replay);
    });

    public Task<ReplayInfo> GetReplayAsync(CancellationToken cancellationToken = default)
    {
        RequireRegistered();
        return Task.FromResult(Info(State.Replay ?? throw new GrainException(GrainErrorKind.NotFound, "The dataset has not been replayed.")));
    }

    // The drive loop's turn for the replay's next run: started again, or skipped with the reason.
    async Task ReplayNextAsync(string runId, CancellationToken cancellationToken)
    {
        var item = State.Replay!.Runs.First(r => r.RunId == runId);
        var run = State.Runs.FirstOrDefault(r => r.RunId == runId);
        if (run is null || run.State is not (RunState.Succeeded or RunState.Failed))
        {
            item.Skipped = run is null ? "the run is no longer kept" : $"the run is {run.State}";
        }
        else if (!item.Retry && await MarkReprocessedAsync(run, cancellationToken) is { } lost)
        {
            item.Skipped = $"reading it again would drop the rows of {lost}";
        }
        else
        {
            item.Started = true;
            Restart(run);
        }

        await PersistAsync();
    }

    // A failed run landed none of its files.
    static SetAsideCounts SetAside(RunRecord run) => run.State == RunState.Failed
        ? new SetAsideCounts(run.Files ?? 0, 0, 0)
        : new SetAsideCounts(run.Counts?.FilesQuarantined ?? 0, run.Counts?.RowsQuarantined ?? 0, run.Counts?.LinesSetAside ?? 0);

    ReplayInfo Info(ReplayRecord replay)
    {
        var runs = new List<ReplayRunInfo>();
        foreach (var item in replay.Runs)
        {
            var run = State.Runs.FirstOrDefault(r => r.RunId == item.RunId);
            var ended = item.Started && run?.State is RunState.Succeeded or RunState.Failed;
            var state = item.Skipped is not null ? "Skipped" : !item.Started ? "Queued" : run?.State.ToString() ?? "Gone";
            // A reprocess that failed left the run's earlier output in the table: what it set aside is as before.
            var after = !ended ? null : run!.State == RunState.Failed && !item.Retry ? item.Before : SetAside(run);
            runs.Add(new ReplayRunInfo(item.RunId, item.Retry ? "retry" : "reprocess", state, item.Before, after, item.Skipped));
        }

        var cameBack = runs.Where(r => r.After is not null).Aggregate(SetAsideCounts.None, (sum, r) => sum.Plus(r.Before.Minus(r.After!)));
        var still = runs.Aggregate(SetAsideCounts.None, (sum, r) => sum.Plus(r.After ?? r.Before));
        return new ReplayInfo(replay.Runs[0].RunId, replay.StartedAt, runs.All(r => r.After is not null || r.Skipped is not null), runs, cameBack, still);
    }
}
