using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace Pipeline.Api.Console;

/// <summary>
/// <c>/console</c>: a page of datasets, runs and a SQL box, as static files (embedded, so any working folder serves
/// them) calling the REST API from the browser with the user's API key when keys are required; the page itself
/// holds no data.
/// </summary>
public static class ConsoleApi
{
    public static WebApplication MapConsole(this WebApplication app)
    {
        var assets = new EmbeddedFileProvider(typeof(ConsoleApi).Assembly, "Console.Assets");
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = assets, RequestPath = "/console", DefaultFileNames = ["console.html"] });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = assets, RequestPath = "/console" });
        app.MapGet("/console/config.json", (IOptions<ConsoleOptions> options) => TypedResults.Ok(new { dashboardUrl = options.Value.DashboardUrl }))
            .ExcludeFromDescription();
        return app;
    }
}

/// <summary>Settings of the console, section <c>Pipeline:Console</c>.</summary>
public sealed class ConsoleOptions
{
    public const string Section = "Pipeline:Console";

    /// <summary>The Aspire dashboard's address: each run links to its trace there (set by the AppHost).</summary>
    public string? DashboardUrl { get; set; }
}
