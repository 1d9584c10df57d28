using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Pipeline.Api.Console;
using Pipeline.Api.Datasets;
using Pipeline.Api.Files;
using Pipeline.Api.Queries;
using Pipeline.Api.Runs;
using Pipeline.Api.Security;
using Pipeline.Api.Grains;
using Pipeline.Api.Tables;
using Pipeline.Aws.Configuration;
using Pipeline.ServiceDefaults.Options;

namespace Pipeline.Api.Hosting;

/// <summary>The Api's composition: options, the Orleans client, uploads, OpenAPI, API keys.</summary>
public static class ApiServices
{
    /// <summary>Registers everything the Api needs.</summary>
    public static IHostApplicationBuilder AddApiServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<ApiOptions>(ApiOptions.Section);
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.AddOrleansClient();
        builder.Services.AddExceptionHandler<GrainErrorHandler>();
        builder.Services.AddLakeStore(builder.Configuration, sp => sp.GetRequiredService<IOptions<ApiOptions>>().Value.DataDir);
        builder.Services.AddOpenApi();
        builder.Services.AddValidatedOptions<ApiKeyOptions>(ApiKeyOptions.Section);
        builder.Services.AddOptions<ConsoleOptions>().BindConfiguration(ConsoleOptions.Section);
        builder.Services.AddSingleton<ApiKeyPolicy>();
        builder.Services.AddHostedService<ApiKeyStartupCheck>();
        return builder;
    }

    /// <summary>Maps the public REST API.</summary>
    public static WebApplication MapPipelineApi(this WebApplication app)
    {
        // Routing comes with MapDefaultEndpoints: the key check reads the endpoint's role.
        app.UseMiddleware<ApiKeyMiddleware>();
        app.MapGet("/", () => TypedResults.Ok(new { service = "Pipeline.Api", console = "/console/", apiReference = "/scalar", openApi = "/openapi/v1.json" }))
            .ExcludeFromDescription();
        app.MapConsole();
        app.MapApiReference();
        app.MapDatasetsApi();
        app.MapFilesApi();
        app.MapRunsApi();
        app.MapTablesApi();
        app.MapQueriesApi();
        return app;
    }
}
