using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Pipeline.Core.Queries;
using Pipeline.Core.Tables;
using Pipeline.Silo.Catalog;
using Pipeline.Silo.Queries;

namespace Pipeline.Silo.Http;

/// <summary>The silo's catalog and query-execution surface (called by the Api).</summary>
public static class QueryEndpoints
{
    /// <summary>Largest page of results.</summary>
    public const int MaxPageSize = 10_000;

    /// <summary>Maps <c>/catalog</c> and <c>/queries</c>.</summary>
    public static IEndpointRouteBuilder MapQueries(this IEndpointRouteBuilder app)
    {
        var tables = app.MapGroup("/catalog/tables").ExcludeFromDescription();
        tables.MapGet("/", async (CatalogStore catalog, CancellationToken ct) => TypedResults.Ok(await catalog.ListAsync(ct)));
        tables.MapGet("/{name}", async Task<Results<Ok<TableInfo>, ProblemHttpResult>> (string name, CatalogStore catalog, CancellationToken ct) =>
            await catalog.GetAsync(name, ct) is { } table
                ? TypedResults.Ok(table)
                : TypedResults.Problem($"There is no table '{name}'.", statusCode: StatusCodes.Status404NotFound));

        var queries = app.MapGroup("/queries").ExcludeFromDescription();
        queries.MapPost("/", (QueryRequest request, QueryService service) => TypedResults.Ok(new QueryStarted(service.Submit(request.Sql!))));
        queries.MapGet("/{id}", Results<Ok<QueryExecution>, ProblemHttpResult> (string id, QueryService service) =>
            service.Find(id) is { } record ? TypedResults.Ok(record.ToExecution()) : NotFound(id));
        queries.MapGet("/{id}/results", ResultsPage);
        queries.MapDelete("/{id}", Results<Ok<QueryExecution>, ProblemHttpResult> (string id, QueryService service) =>
            service.Cancel(id) ? TypedResults.Ok(service.Find(id)!.ToExecution()) : NotFound(id));
        return app;
    }

    static Results<Ok<ResultPage>, ProblemHttpResult> ResultsPage(string id, int? pageSize, string? pageToken, QueryService service)
    {
        if (service.Find(id) is not { } record)
        {
            return NotFound(id);
        }

        if (record.State != QueryState.Succeeded)
        {
            return TypedResults.Problem($"Query {id} is {record.State}; results exist only once it succeeded.",
                statusCode: StatusCodes.Status409Conflict);
        }

        var size = Math.Clamp(pageSize ?? 1000, 1, MaxPageSize);
        var offset = DecodeToken(pageToken);
        if (offset is null || offset > record.Rows.Count)
        {
            return TypedResults.Problem("pageToken is not a token this query returned.", statusCode: StatusCodes.Status400BadRequest);
        }

        var rows = record.Rows.Skip(offset.Value).Take(size).ToList();
        var next = offset.Value + rows.Count < record.Rows.Count ? EncodeToken(offset.Value + rows.Count) : null;
        return TypedResults.Ok(new ResultPage(record.Columns, rows, next));
    }

    static ProblemHttpResult NotFound(string id) =>
        TypedResults.Problem($"There is no query execution '{id}'.", statusCode: StatusCodes.Status404NotFound);

    static string EncodeToken(int offset) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes("o:" + offset.ToString(CultureInfo.InvariantCulture)));

    static int? DecodeToken(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return 0;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            return text.StartsWith("o:", StringComparison.Ordinal) && int.TryParse(text[2..], CultureInfo.InvariantCulture, out var v) && v >= 0 ? v : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
