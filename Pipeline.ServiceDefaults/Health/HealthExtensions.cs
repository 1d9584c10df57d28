using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Pipeline.ServiceDefaults.Health;

/// <summary>Health endpoints: <c>/alive</c> runs only "live" checks, <c>/health</c> runs all of them.</summary>
public static class HealthExtensions
{
    /// <summary>The tag of checks that say the process is alive (not necessarily ready).</summary>
    public const string LiveTag = "live";

    /// <summary>Registers the health check service with a "self" liveness check.</summary>
    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        return builder;
    }

    /// <summary>Maps the health endpoints; they never require authentication.</summary>
    public static WebApplication MapHealthEndpoints(this WebApplication app)
    {
        // Ready means healthy: a degraded service (say, one still waiting for its cluster) is not ready either.
        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).AllowAnonymous();
        app.MapHealthChecks("/alive", new HealthCheckOptions { Predicate = r => r.Tags.Contains(LiveTag) })
            .AllowAnonymous();
        return app;
    }
}
