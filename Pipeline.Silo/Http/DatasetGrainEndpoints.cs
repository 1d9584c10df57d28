using Microsoft.AspNetCore.Http.HttpResults;
using Pipeline.Core.Datasets;
using Pipeline.Core.Grains;

namespace Pipeline.Silo.Http;

/// <summary>The silo's grain-call surface for dataset grains (called by the Api, never by users).</summary>
public static class DatasetGrainEndpoints
{
    /// <summary>Maps <c>/grains/datasets</c>.</summary>
    public static IEndpointRouteBuilder MapDatasetGrains(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/grains/datasets").ExcludeFromDescription();
        group.MapGet("/", ListAsync);
        group.MapPut("/{id}", (string id, DatasetDefinition definition, IGrainFactory grains, CancellationToken ct) =>
            GrainResults.Invoke(() => grains.GetGrain<IDatasetGrain>(id).RegisterAsync(definition, ct)));
        group.MapGet("/{id}", (string id, IGrainFactory grains, CancellationToken ct) =>
            GrainResults.Invoke(() => grains.GetGrain<IDatasetGrain>(id).GetStatusAsync(ct)));
        group.MapPost("/{id}/arrivals", (string id, List<ArrivalNotice> arrivals, IGrainFactory grains, CancellationToken ct) =>
            GrainResults.Invoke(() => grains.GetGrain<IDatasetGrain>(id).RecordArrivalsAsync(arrivals, ct)));
        group.MapPost("/{id}/runs", (string id, IGrainFactory grains, CancellationToken ct) =>
            GrainResults.Invoke(() => grains.GetGrain<IDatasetGrain>(id).TriggerRunAsync(ct)));
        group.MapGet("/{id}/runs", (string id, IGrainFactory grains, CancellationToken ct) =>
            GrainResults.Invoke(() => grains.GetGrain<IDatasetGrain>(id).GetRunsAsync(ct)));
        group.MapGet("/{id}/runs/{runId}", (string id, string runId, IGrainFactory grains, CancellationToken ct) =>
            GrainResults.Invoke(() => grains.GetGrain<IDatasetGrain>(id).GetRunAsync(runId, ct)));
        group.MapPost("/{id}/runs/{runId}/retry", (string id, string runId, IGrainFactory grains, CancellationToken ct) =>
            GrainResults.Invoke(() => grains.GetGrain<IDatasetGrain>(id).RetryAsync(runId, ct)));
        group.MapPost("/{id}/runs/{runId}/reprocess", (string id, string runId, IGrainFactory grains, CancellationToken ct) =>
            GrainResults.Invoke(() => grains.GetGrain<IDatasetGrain>(id).ReprocessAsync(runId, ct)));
        return app;
    }

    static async Task<Ok<List<DatasetInfo>>> ListAsync(IGrainFactory grains, CancellationToken ct)
    {
        var ids = await grains.GetGrain<IDatasetRegistryGrain>(IDatasetRegistryGrain.Key).ListAsync(ct);
        var list = await Task.WhenAll(ids.Ids.Select(id => grains.GetGrain<IDatasetGrain>(id).GetStatusAsync(ct)));
        return TypedResults.Ok(list.ToList());
    }
}
