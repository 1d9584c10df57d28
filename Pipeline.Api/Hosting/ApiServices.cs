using Pipeline.ServiceDefaults.Options;

namespace Pipeline.Api.Hosting;

/// <summary>The Api's composition: options, the silo client, OpenAPI.</summary>
public static class ApiServices
{
    /// <summary>Registers everything the Api needs.</summary>
    public static IHostApplicationBuilder AddApiServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<ApiOptions>(ApiOptions.Section);
        builder.Services.AddOpenApi();
        return builder;
    }

    /// <summary>Maps the public REST API.</summary>
    public static WebApplication MapPipelineApi(this WebApplication app)
    {
        app.MapGet("/", () => TypedResults.Ok(new { service = "Pipeline.Api", openApi = "/openapi/v1.json" }))
            .ExcludeFromDescription();
        return app;
    }
}
