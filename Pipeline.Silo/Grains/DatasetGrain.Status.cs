using Pipeline.Core.Datasets;
using Pipeline.Core.Runs;

namespace Pipeline.Silo.Grains;

public sealed partial class DatasetGrain
{
    public Task<DatasetInfo> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        RequireRegistered();
        return StatusAsync(cancellationToken);
    }

    public Task<IReadOnlyList<RunInfo>> GetRunsAsync(CancellationToken cancellationToken = default)
    {
        RequireRegistered();
        return Task.FromResult<IReadOnlyList<RunInfo>>(State.Runs.AsEnumerable().Reverse().Select(ToInfo).ToList());
    }

    public Task<RunInfo> GetRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        RequireRegistered();
        return Task.FromResult(ToInfo(FindRun(runId)));
    }

    async Task<DatasetInfo> StatusAsync(CancellationToken cancellationToken)
    {
        var waiting = await PendingAsync(cancellationToken);
        total ??= await services.Arrivals.TotalAsync(Id, cancellationToken);
        // The run in progress (a reprocessed older run too), else the newest one.
        var last = State.ActiveRun ?? State.Runs.LastOrDefault();
        // A reprocessed run's earlier output stays in the table while it runs again, and when that fails.
        var hasTable = State.Runs.Any(r => r.State == RunState.Succeeded || r.Reprocessed > 0);
        return new DatasetInfo(Id, State.Definition!, State.RegisteredAt, State.UpdatedAt, total.Value, waiting.Count,
            last is null ? null : ToInfo(last), hasTable ? Id : null);
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
        run.Reprocessed,
        System.Diagnostics.ActivityContext.TryParse(run.TraceParent, null, out var trace) ? trace.TraceId.ToHexString() : null,
        run.Sources,
        run.Expectations,
        run.SchemaDrift,
        run.Engine);
}
