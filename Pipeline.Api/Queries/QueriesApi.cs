using Pipeline.Api.Security;
using Pipeline.Api.Silo;
using Pipeline.Core.Queries;

namespace Pipeline.Api.Queries;

/// <summary><c>/api/queries</c>: Athena-style query executions.</summary>
public static class QueriesApi
{
    /// <summary>Longest SQL text accepted.</summary>
    public const int MaxSqlLength = 1_000_000;

    /// <summary>Maps the query routes.</summary>
    public static RouteGroupBuilder MapQueriesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/queries").WithTags("Queries").RequireRole(ApiRole.Reader);
        group.MapPost("/", SubmitAsync).WithName("StartQuery")
            .WithSummary("Starts a query execution over the catalog's tables (202 with its id).")
            .Produces<QueryStarted>(StatusCodes.Status202Accepted).ProducesValidationProblem();
        group.MapGet("/{queryId}", async (string queryId, SiloClient silo, CancellationToken ct) => Answer(await silo.GetQueryAsync(queryId, ct)))
            .WithName("GetQuery").WithSummary("State (Queued, Running, Succeeded, Failed, Cancelled), error, statistics.")
            .Produces<QueryExecution>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{queryId}/results", async (string queryId, int? pageSize, string? pageToken, SiloClient silo, CancellationToken ct) =>
                Answer(await silo.GetResultsAsync(queryId, pageSize, pageToken, ct)))
            .WithName("GetQueryResults").WithSummary("A page of results: columns, rows, nextPageToken.")
            .Produces<ResultPage>().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/{queryId}", async (string queryId, SiloClient silo, CancellationToken ct) => Answer(await silo.CancelQueryAsync(queryId, ct)))
            .WithName("CancelQuery").WithSummary("Cancels a queued or running query.").Produces<QueryExecution>();
        return group;
    }

    static async Task<IResult> SubmitAsync(QueryRequest? request, SiloClient silo, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request?.Sql) || request.Sql.Length > MaxSqlLength)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["sql"] = [$"is required: one SELECT statement of at most {MaxSqlLength} characters"],
            });
        }

        var result = await silo.SubmitQueryAsync(request.Sql, ct);
        return result.Ok ? TypedResults.Accepted($"/api/queries/{result.Value!.QueryId}", result.Value) : result.ToProblem();
    }

    static IResult Answer<T>(SiloResult<T> result) => result.Ok ? TypedResults.Ok(result.Value) : result.ToProblem();
}
