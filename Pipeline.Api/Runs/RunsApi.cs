using Pipeline.Api.Grains;
using Pipeline.Api.Datasets;
using Pipeline.Api.Security;
using Pipeline.Core.Grains;
using Pipeline.Core.Runs;

namespace Pipeline.Api.Runs;

/// <summary><c>/api/datasets/{id}/runs</c>: trigger, list, show, retry, reprocess.</summary>
public static class RunsApi
{
    public static RouteGroupBuilder MapRunsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/datasets/{id}/runs").WithTags("Runs").RequireRole(ApiRole.Reader);
        group.MapPost("/", (string id, ClusterConnection cluster, CancellationToken ct) => Call(id, g => g.TriggerRunAsync(ct), cluster, accepted: true))
            .WithName("TriggerRun").RequireRole(ApiRole.Admin).WithSummary("Runs the pending files now (202 with the run id).")
            .Produces<RunStarted>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/", (string id, ClusterConnection cluster, CancellationToken ct) => Call(id, g => g.GetRunsAsync(ct), cluster))
            .WithName("ListRuns").WithSummary("The dataset's runs, newest first.").Produces<List<RunInfo>>();
        group.MapGet("/{runId}", (string id, string runId, ClusterConnection cluster, CancellationToken ct) => Call(id, g => g.GetRunAsync(runId, ct), cluster))
            .WithName("GetRun").WithSummary("A run: state, per-stage attempts with start, end and error, row counts.")
            .Produces<RunInfo>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{runId}/retry", (string id, string runId, ClusterConnection cluster, CancellationToken ct) => Call(id, g => g.RetryAsync(runId, ct), cluster, accepted: true))
            .WithName("RetryRun").RequireRole(ApiRole.Admin).WithSummary("Starts a failed run again from the stage that failed.")
            .Produces<RunStarted>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{runId}/reprocess", (string id, string runId, ClusterConnection cluster, CancellationToken ct) => Call(id, g => g.ReprocessAsync(runId, ct), cluster, accepted: true))
            .WithName("ReprocessRun").RequireRole(ApiRole.Admin)
            .WithSummary("Runs a succeeded run's files again with the current definition; its new output replaces the old.")
            .Produces<RunStarted>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status409Conflict);
        app.MapPost("/api/datasets/{id}/replay", (string id, ClusterConnection cluster, CancellationToken ct) => Call(id, g => g.ReplayAsync(ct), cluster, accepted: true))
            .WithTags("Runs").WithName("Replay").RequireRole(ApiRole.Admin)
            .WithSummary("Reads again, with the current definition, every run that set something aside (a succeeded one reprocessed, a failed one retried), one run at a time; 202 with the first run and the list.")
            .Produces<ReplayInfo>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status409Conflict);
        app.MapGet("/api/datasets/{id}/replay", (string id, ClusterConnection cluster, CancellationToken ct) => Call(id, g => g.GetReplayAsync(ct), cluster))
            .WithTags("Runs").WithName("GetReplay").RequireRole(ApiRole.Reader)
            .WithSummary("The latest replay: per run what was set aside before and after, what came back, what is still set aside.")
            .Produces<ReplayInfo>().ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    static async Task<IResult> Call<T>(string id, Func<IDatasetGrain, Task<T>> call, ClusterConnection cluster, bool accepted = false)
    {
        if (DatasetIdCheck.Problem(id) is { } bad)
        {
            return bad;
        }

        var value = await call(cluster.Grains.GetGrain<IDatasetGrain>(id));
        return accepted ? TypedResults.Accepted((string?)null, value) : TypedResults.Ok(value);
    }
}
