using System.Reflection;
using Microsoft.Extensions.Options;

namespace Pipeline.Api.Console;

/// <summary>
/// <c>/console</c>: a page of datasets, runs and a SQL box, as static files calling the REST API from the browser
/// (with the user's API key when keys are required; the page itself holds no data).
/// </summary>
public static class ConsoleApi
{
    static readonly Dictionary<string, string> ContentTypes = new(StringComparer.Ordinal)
    {
        ["console.html"] = "text/html; charset=utf-8",
        ["console.js"] = "text/javascript; charset=utf-8",
        ["console.css"] = "text/css; charset=utf-8",
    };

    public static IEndpointRouteBuilder MapConsole(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/console").ExcludeFromDescription().AllowAnonymous();
        group.MapGet("/", () => Asset("console.html"));
        group.MapGet("/{file}", (string file) => ContentTypes.ContainsKey(file) ? Asset(file) : Results.NotFound());
        group.MapGet("/config.json", (IOptions<ConsoleOptions> options) => TypedResults.Ok(new { dashboardUrl = options.Value.DashboardUrl }));
        return app;
    }

    static IResult Asset(string file)
    {
        var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Console.Assets." + file)!;
        return Results.Stream(stream, ContentTypes[file]);
    }
}

/// <summary>Settings of the console, section <c>Pipeline:Console</c>.</summary>
public sealed class ConsoleOptions
{
    public const string Section = "Pipeline:Console";

    /// <summary>The Aspire dashboard's address: each run links to its trace there (set by the AppHost).</summary>
    public string? DashboardUrl { get; set; }
}
