using Pipeline.Api.Grains;
using Pipeline.Api.Security;
using Pipeline.Core.Grains;
using Pipeline.Core.Tables;

namespace Pipeline.Api.Tables;

/// <summary><c>/api/tables</c>: the catalog.</summary>
public static class TablesApi
{
    public static RouteGroupBuilder MapTablesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tables").WithTags("Tables").RequireRole(ApiRole.Reader);
        group.MapGet("/", async (ClusterConnection cluster, CancellationToken ct) => TypedResults.Ok(await Catalog(cluster).ListTablesAsync(ct)))
            .WithName("ListTables").WithSummary("Every table and curated view.").Produces<List<TableSummary>>();
        group.MapGet("/{name}", async (string name, ClusterConnection cluster, CancellationToken ct) => TypedResults.Ok(await Catalog(cluster).GetTableAsync(name, ct)))
            .WithName("GetTable").WithSummary("A table: columns, partition keys, partitions (values, files, rows), schema versions.")
            .Produces<TableInfo>().ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    static ICatalogGrain Catalog(ClusterConnection cluster) => cluster.Grains.GetGrain<ICatalogGrain>(0);
}
