using Pipeline.Api.Security;
using Pipeline.Api.Silo;
using Pipeline.Core.Datasets;

namespace Pipeline.Api.Datasets;

/// <summary><c>/api/datasets</c>: register, list, show.</summary>
public static class DatasetsApi
{
    /// <summary>Maps the dataset routes.</summary>
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

    static async Task<IResult> RegisterAsync(string id, DatasetDefinition definition, SiloClient silo, CancellationToken ct)
    {
        if (DatasetIdCheck.Problem(id) is { } bad)
        {
            return bad;
        }

        var result = await silo.RegisterAsync(id, definition, ct);
        if (!result.Ok)
        {
            return result.ToProblem();
        }

        return result.Value!.Created
            ? TypedResults.Created($"/api/datasets/{id}", result.Value.Dataset)
            : TypedResults.Ok(result.Value.Dataset);
    }

    static async Task<IResult> ListAsync(SiloClient silo, CancellationToken ct)
    {
        var result = await silo.ListDatasetsAsync(ct);
        return result.Ok ? TypedResults.Ok(result.Value) : result.ToProblem();
    }

    static async Task<IResult> GetAsync(string id, SiloClient silo, CancellationToken ct)
    {
        if (DatasetIdCheck.Problem(id) is { } bad)
        {
            return bad;
        }

        var result = await silo.GetDatasetAsync(id, ct);
        return result.Ok ? TypedResults.Ok(result.Value) : result.ToProblem();
    }
}
