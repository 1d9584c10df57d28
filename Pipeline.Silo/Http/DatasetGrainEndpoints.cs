using Microsoft.AspNetCore.Http.HttpResults;
using Pipeline.Core.Datasets;
using Pipeline.Core.Runs;
using Pipeline.Core.Lake;
using Pipeline.Core.State;
using Pipeline.Silo.Grains;
using Pipeline.Silo.Stages;

namespace Pipeline.Silo.Http;

/// <summary>The silo's grain-call surface for dataset grains (called by the Api, never by users).</summary>
public static class DatasetGrainEndpoints
{
    /// <summary>Maps <c>/grains/datasets</c>.</summary>
    public static IEndpointRouteBuilder MapDatasetGrains(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/grains/datasets").ExcludeFromDescription();
        group.MapGet("/", ListAsync);
        group.MapPut("/{id}", (string id, DatasetDefinition definition, GrainRuntime grains, CancellationToken ct) =>
            GrainResults.Invoke(() => grains.CallAsync(id, (g, t) => g.RegisterAsync(definition, t), ct)));
        group.MapGet("/{id}", (string id, GrainRuntime grains, CancellationToken ct) =>
            GrainResults.Invoke(() => grains.CallAsync(id, (g, t) => g.GetStatusAsync(t), ct)));
        group.MapPost("/{id}/arrivals", (string id, List<ArrivalNotice> arrivals, GrainRuntime grains, CancellationToken ct) =>
            GrainResults.Invoke(() => grains.CallAsync(id, (g, t) => g.RecordArrivalsAsync(arrivals, t), ct)));
        group.MapPost("/{id}/runs", (string id, GrainRuntime grains, CancellationToken ct) =>
            GrainResults.Invoke(() => grains.CallAsync(id, (g, t) => g.TriggerRunAsync(t), ct)));
        group.MapGet("/{id}/runs", (string id, GrainRuntime grains, CancellationToken ct) =>
            GrainResults.Invoke(() => grains.CallAsync(id, (g, t) => g.GetRunsAsync(t), ct)));
        group.MapGet("/{id}/runs/{runId}", (string id, string runId, GrainRuntime grains, CancellationToken ct) =>
            GrainResults.Invoke(() => grains.CallAsync(id, (g, t) => g.GetRunAsync(runId, t), ct)));
        group.MapPost("/{id}/runs/{runId}/retry", (string id, string runId, GrainRuntime grains, CancellationToken ct) =>
            GrainResults.Invoke(() => grains.CallAsync(id, (g, t) => g.RetryAsync(runId, t), ct)));
        group.MapPost("/{id}/runs/{runId}/reprocess", (string id, string runId, GrainRuntime grains, IArrivalLog arrivals, ILakeStore lake, CancellationToken ct) =>
            GrainResults.Invoke(async () =>
            {
                // Refused before anything changes when the run's raw content is gone: its rows would leave the table.
                var run = await grains.CallAsync(id, (g, t) => g.GetRunAsync(runId, t), ct);
                var inputs = run.State == RunState.Succeeded ? await RunInputs.ResolveAsync(arrivals, lake, id, runId, download: false, ct) : null;
                if (inputs?.Lost(DatasetGrain.SkippedFiles(run.Quarantined)) is { } lost)
                {
                    throw new GrainException(GrainErrorKind.Conflict,
                        $"Run {runId} cannot be reprocessed without dropping rows: {lost}. The table keeps the run's output.");
                }

                return await grains.CallAsync(id, (g, t) => g.ReprocessAsync(runId, t), ct);
            }));
        return app;
    }

    static async Task<Ok<List<DatasetInfo>>> ListAsync(GrainRuntime grains, GrainServices services, CancellationToken ct)
    {
        var list = new List<DatasetInfo>();
        foreach (var key in await services.Store.AllAsync(ct))
        {
            try
            {
                list.Add(await grains.CallAsync(key, (g, t) => g.GetStatusAsync(t), ct));
            }
            catch (GrainException ex) when (ex.Kind == GrainErrorKind.NotFound)
            {
                // A grain key with no registered definition is not a dataset.
            }
        }

        return TypedResults.Ok(list);
    }
}
