using Pipeline.Api.Security;
using Pipeline.Api.Silo;
using Pipeline.Core.Tables;

namespace Pipeline.Api.Tables;

/// <summary><c>/api/tables</c>: the catalog.</summary>
public static class TablesApi
{
    /// <summary>Maps the table routes.</summary>
    public static RouteGroupBuilder MapTablesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tables").WithTags("Tables").RequireRole(ApiRole.Reader);
        group.MapGet("/", async (SiloClient silo, CancellationToken ct) =>
            {
                var result = await silo.ListTablesAsync(ct);
                return result.Ok ? TypedResults.Ok(result.Value) : result.ToProblem();
            })
            .WithName("ListTables").WithSummary("Every table and curated view.").Produces<List<TableSummary>>();
        group.MapGet("/{name}", async (string name, SiloClient silo, CancellationToken ct) =>
            {
                var result = await silo.GetTableAsync(name, ct);
                return result.Ok ? TypedResults.Ok(result.Value) : result.ToProblem();
            })
            .WithName("GetTable").WithSummary("A table: columns, partition keys, partitions (values, files, rows), schema versions.")
            .Produces<TableInfo>().ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
