using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Pipeline.Api.Datasets;
using Pipeline.Api.Files;
using Pipeline.Api.Queries;
using Pipeline.Api.Runs;
using Pipeline.Api.Security;
using Pipeline.Api.Silo;
using Pipeline.Api.Tables;
using Pipeline.Aws.Configuration;
using Pipeline.ServiceDefaults.Options;

namespace Pipeline.Api.Hosting;

/// <summary>The Api's composition: options, the silo client, uploads, OpenAPI.</summary>
public static class ApiServices
{
    /// <summary>Registers everything the Api needs.</summary>
    public static IHostApplicationBuilder AddApiServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<ApiOptions>(ApiOptions.Section);
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddHttpClient<SiloClient>((sp, http) =>
        {
            http.BaseAddress = new Uri(sp.GetRequiredService<IOptions<ApiOptions>>().Value.SiloUrl.TrimEnd('/') + "/");
            http.Timeout = TimeSpan.FromSeconds(100);
        });
        builder.Services.AddExceptionHandler<SiloUnavailableHandler>();
        builder.Services.AddLakeStore(builder.Configuration, sp => sp.GetRequiredService<IOptions<ApiOptions>>().Value.DataDir);
        builder.Services.AddOpenApi();
        builder.Services.AddValidatedOptions<ApiKeyOptions>(ApiKeyOptions.Section);
        builder.Services.AddSingleton<ApiKeyPolicy>();
        builder.Services.AddHostedService<ApiKeyStartupCheck>();
        return builder;
    }

    /// <summary>Maps the public REST API.</summary>
    public static WebApplication MapPipelineApi(this WebApplication app)
    {
        app.UseRouting();
        app.UseMiddleware<ApiKeyMiddleware>();
        app.MapGet("/", () => TypedResults.Ok(new { service = "Pipeline.Api", openApi = "/openapi/v1.json" }))
            .ExcludeFromDescription();
        app.MapDatasetsApi();
        app.MapFilesApi();
        app.MapRunsApi();
        app.MapTablesApi();
        app.MapQueriesApi();
        return app;
    }
}
