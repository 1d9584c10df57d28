using Microsoft.Extensions.Options;
using Pipeline.ServiceDefaults.Options;

namespace Pipeline.Silo.Hosting;

/// <summary>The silo's composition: options, state, grains, stage runners.</summary>
public static class SiloServices
{
    /// <summary>Registers everything the silo hosts.</summary>
    public static IHostApplicationBuilder AddSiloServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<SiloOptions>(SiloOptions.Section);
        builder.Services.AddSingleton(TimeProvider.System);
        return builder;
    }

    /// <summary>Maps the silo's grain-call endpoints.</summary>
    public static WebApplication MapSiloApi(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<SiloOptions>>().Value;
        Directory.CreateDirectory(options.DataDir);
        app.MapGet("/", () => TypedResults.Ok(new { service = "Pipeline.Silo", dataDir = Path.GetFullPath(options.DataDir) }))
            .ExcludeFromDescription();
        return app;
    }
}
