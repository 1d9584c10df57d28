using Pipeline.Api.Grains;
using System.Text.Json.Nodes;
using Pipeline.Api.Security;
using Pipeline.Core.Grains;
using Pipeline.Core.Queries;

namespace Pipeline.Api.Queries;

/// <summary><c>/api/queries</c>: Athena-style query executions.</summary>
public static class QueriesApi
{
    /// <summary>Longest SQL text accepted.</summary>
    public const int MaxSqlLength = 1_000_000;

    const int DefaultPageSize = 1000;

    public static RouteGroupBuilder MapQueriesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/queries").WithTags("Queries").RequireRole(ApiRole.Reader);
        group.MapPost("/", StartAsync).WithName("StartQuery")
            .WithSummary("Starts a query execution over the catalog's tables (202 with its id).")
            .Produces<QueryStarted>(StatusCodes.Status202Accepted).ProducesValidationProblem();
        group.MapGet("/{queryId}", async (string queryId, ClusterConnection cluster, CancellationToken ct) =>
                TypedResults.Ok(await cluster.Grains.GetGrain<IQueryGrain>(queryId).GetAsync(ct)))
            .WithName("GetQuery").WithSummary("State (Queued, Running, Succeeded, Failed, Cancelled), error, statistics.")
            .Produces<QueryExecution>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{queryId}/results", ResultsAsync)
            .WithName("GetQueryResults").WithSummary("A page of results: columns, rows, nextPageToken.")
            .Produces<ResultPage>().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/{queryId}", async (string queryId, ClusterConnection cluster, CancellationToken ct) =>
                TypedResults.Ok(await cluster.Grains.GetGrain<IQueryGrain>(queryId).CancelAsync(ct)))
            .WithName("CancelQuery").WithSummary("Cancels a queued or running query.").Produces<QueryExecution>();
        return group;
    }

    static async Task<IResult> StartAsync(QueryRequest? request, ClusterConnection cluster, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request?.Sql) || request.Sql.Length > MaxSqlLength)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["sql"] = [$"is required: one SELECT statement of at most {MaxSqlLength} characters"],
            });
        }

        var id = Guid.NewGuid().ToString("N");
        await cluster.Grains.GetGrain<IQueryGrain>(id).StartAsync(request.Sql, ct);
        return TypedResults.Accepted($"/api/queries/{id}", new QueryStarted(id));
    }

    static async Task<IResult> ResultsAsync(string queryId, int? pageSize, string? pageToken, ClusterConnection cluster, CancellationToken ct)
    {
        var page = await cluster.Grains.GetGrain<IQueryGrain>(queryId).GetResultsAsync(pageSize ?? DefaultPageSize, pageToken, ct);
        return TypedResults.Ok(new ResultPage(page.Columns, JsonNode.Parse(page.RowsJson)!.AsArray(), page.NextPageToken));
    }
}
