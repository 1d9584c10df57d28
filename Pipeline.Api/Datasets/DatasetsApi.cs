using Pipeline.Api.Grains;
using Pipeline.Api.Security;
using Pipeline.Core.Datasets;
using Pipeline.Core.Grains;

namespace Pipeline.Api.Datasets;

/// <summary><c>/api/datasets</c>: register, list, show.</summary>
public static class DatasetsApi
{
    public static RouteGroupBuilder MapDatasetsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/datasets").WithTags("Datasets").RequireRole(ApiRole.Reader);
        group.MapPut("/{id}", RegisterAsync).WithName("RegisterDataset").RequireRole(ApiRole.Admin)
            .WithSummary("Registers a dataset (201) or updates its definition (200).")
            .Produces<DatasetInfo>(StatusCodes.Status201Created).Produces<DatasetInfo>().ProducesValidationProblem();
        group.MapGet("/", ListAsync).WithName("ListDatasets").WithSummary("Lists the datasets with their status.")
            .Produces<List<DatasetInfo>>();
        group.MapGet("/{id}", GetAsync).WithName("GetDataset")
            .WithSummary("A dataset's definition and status: arrivals total and pending, last run, table.")
            .Produces<DatasetInfo>().ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    static async Task<IResult> RegisterAsync(string id, DatasetDefinition definition, ClusterConnection cluster, CancellationToken ct)
    {
        if (DatasetIdCheck.Problem(id) is { } bad)
        {
            return bad;
        }

        var result = await cluster.Grains.GetGrain<IDatasetGrain>(id).RegisterAsync(definition, ct);
        return result.Created ? TypedResults.Created($"/api/datasets/{id}", result.Dataset) : TypedResults.Ok(result.Dataset);
    }

    static async Task<IResult> ListAsync(ClusterConnection cluster, CancellationToken ct)
    {
        var ids = await cluster.Grains.GetGrain<IDatasetRegistryGrain>(IDatasetRegistryGrain.Key).ListAsync(ct);
        var datasets = await Task.WhenAll(ids.Ids.Select(id => cluster.Grains.GetGrain<IDatasetGrain>(id).GetStatusAsync(ct)));
        return TypedResults.Ok(datasets.ToList());
    }

    static async Task<IResult> GetAsync(string id, ClusterConnection cluster, CancellationToken ct) =>
        DatasetIdCheck.Problem(id) ?? TypedResults.Ok(await cluster.Grains.GetGrain<IDatasetGrain>(id).GetStatusAsync(ct));
}
