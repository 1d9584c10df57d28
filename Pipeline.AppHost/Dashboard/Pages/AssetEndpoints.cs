using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Pipeline.AppHost.Dashboard.Pages;

/// <summary>Serves the CSS and script embedded in the AppHost assembly (<c>/assets/dashboard.css</c>, <c>.js</c>).</summary>
internal static class AssetEndpoints
{
    /// <summary>Maps <c>GET /assets/{name}</c>.</summary>
    public static IEndpointRouteBuilder MapDashboardAssets(this IEndpointRouteBuilder app)
    {
        app.MapGet("/assets/{name}", (string name) =>
        {
            var contentType = Path.GetExtension(name) switch
            {
                ".css" => "text/css; charset=utf-8",
                ".js" => "text/javascript; charset=utf-8",
                _ => null,
            };
            var stream = contentType is null ? null : typeof(AssetEndpoints).Assembly.GetManifestResourceStream("Dashboard.Assets." + name);
            return stream is null ? Results.NotFound() : Results.Stream(stream, contentType);
        }).WithName("DashboardAsset");
        return app;
    }
}
