using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pipeline.ServiceDefaults.Health;
using Pipeline.ServiceDefaults.Hosting;
using Pipeline.ServiceDefaults.Telemetry;

namespace Pipeline.ServiceDefaults;

/// <summary>What every Pipeline service shares: telemetry, health, ProblemDetails.</summary>
public static class Extensions
{
    /// <summary>Adds OpenTelemetry, health checks and ProblemDetails.</summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<BadRequestHandler>();
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        // A misspelt field is refused (BadRequestHandler names it), never dropped in silence.
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow);
        return builder;
    }

    /// <summary>Maps <c>/health</c> (ready) and <c>/alive</c> (live) and turns errors into ProblemDetails.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRouting();
        app.UseMiddleware<JsonBodies>();
        app.MapHealthEndpoints();
        return app;
    }
}
