using Pipeline.Core.Datasets;
using Pipeline.Core.Runs;

namespace Pipeline.Silo.Grains;

public sealed partial class DatasetGrain
{
    /// <summary>Definition and status: arrivals total and pending, the last run, the table.</summary>
    public async Task<DatasetInfo> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        RequireRegistered(await SpecAsync(cancellationToken));
        var pending = await services.Arrivals.PendingAsync(Id, cancellationToken);
        var total = await services.Arrivals.TotalAsync(Id, cancellationToken);
        // The run in progress (a reprocessed older run too), else the newest one.
        var last = state.ActiveRun ?? state.Runs.LastOrDefault();
        // A reprocessed run's earlier output stays in the table while it runs again, and when that fails.
        var hasTable = state.Runs.Any(r => r.State == RunState.Succeeded || r.Reprocessed > 0);
        return new DatasetInfo(Id, state.Definition!, state.RegisteredAt, state.UpdatedAt, total, pending.Count,
            last is null ? null : ToInfo(last), hasTable ? Id : null);
    }

    /// <summary>The runs kept in the state, newest first.</summary>
    public async Task<IReadOnlyList<RunInfo>> GetRunsAsync(CancellationToken cancellationToken = default)
    {
        RequireRegistered(await SpecAsync(cancellationToken));
        return state.Runs.AsEnumerable().Reverse().Select(ToInfo).ToList();
    }

    /// <summary>One run with its attempts.</summary>
    public async Task<RunInfo> GetRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        RequireRegistered(await SpecAsync(cancellationToken));
        return ToInfo(FindRun(runId));
    }

    static RunInfo ToInfo(RunRecord run) => new(
        run.RunId,
        run.State,
        run.State is RunState.Succeeded ? null : run.Stage,
        run.Files ?? 0,
        run.CreatedAt,
        run.EndedAt,
        run.NextAttemptAt,
        run.Counts,
        run.Attempts.Select(a => new StageAttemptInfo(a.Stage, a.Attempt, a.Token, a.StartedAt, a.EndedAt, a.Error, a.Transient)).ToList(),
        run.Quarantined,
        run.Reprocessed);
}
