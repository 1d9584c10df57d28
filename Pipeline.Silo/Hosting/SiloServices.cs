using Pipeline.Core.Tables;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Pipeline.Aws.Configuration;
using Pipeline.Core.Lake;
using Pipeline.ServiceDefaults.Options;
using Pipeline.Silo.Arrivals;
using Pipeline.Silo.Catalog;
using Pipeline.Silo.Faults;
using Pipeline.Silo.Grains;
using Pipeline.Silo.Queries;
using Pipeline.Silo.Stages;
using Pipeline.Silo.State;
using Pipeline.Silo.Telemetry;

namespace Pipeline.Silo.Hosting;

/// <summary>The silo's composition: options, state, grains, stage runners, catalog, queries, arrivals.</summary>
public static class SiloServices
{
    /// <summary>Registers everything the silo hosts.</summary>
    public static IHostApplicationBuilder AddSiloServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<SiloOptions>(SiloOptions.Section);
        services.AddValidatedOptions<QueryOptions>(QueryOptions.Section);
        services.AddValidatedOptions<FaultOptions>(FaultOptions.Section);
        services.AddValidatedOptions<GrainOptions>(GrainOptions.Section);
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddSingleton(TimeProvider.System);

        // --- the Orleans silo; grain state and arrivals in SQLite or DynamoDB (Pipeline:State); the catalog in SQLite or Glue (Pipeline:Catalog); the lake (Pipeline:Lake) ---
        builder.AddOrleansSilo();
        services.AddSingleton(sp => new SqliteStore(sp.GetRequiredService<IOptions<SiloOptions>>().Value.DataDir));
        services.AddGrainState<SqliteGrainStateStore, SqliteArrivalLog>(builder.Configuration);
        services.AddTableCatalog<SqliteCatalog>(builder.Configuration);
        services.AddSingleton(sp => new LakeLayout(sp.GetRequiredService<IOptions<SiloOptions>>().Value.DataDir));
        services.AddLakeStore(builder.Configuration, sp => sp.GetRequiredService<IOptions<SiloOptions>>().Value.DataDir);

        // --- grains ---
        services.AddSingleton<FaultInjector>();
        services.AddSingleton<RunSpans>();
        services.AddSingleton<SiloMetrics>();
        services.AddSingleton<GrainServices>();
        services.AddArrivalFeed(builder.Configuration);

        // --- stages ---
        services.AddSingleton<StageRunner>();
        services.AddSingleton<IStageRunner>(sp => sp.GetRequiredService<StageRunner>());
        services.AddSingleton<StagePaths>();
        services.AddSingleton<TransformStage>();
        services.AddSingleton<CatalogStage>();
        services.AddSingleton<CurateStage>();
        services.AddTransformEngine(builder.Configuration);

        // --- queries: DuckDB in the silo, or Athena (Pipeline:Queries:Engine) ---
        services.AddQueryEngine(builder.Configuration);
        return builder;
    }

    /// <summary>Maps the silo's own page (grains are reached through Orleans, not HTTP).</summary>
    public static WebApplication MapSiloApi(this WebApplication app)
    {
        app.Services.GetRequiredService<LakeLayout>().EnsureCreated();
        app.MapGet("/", (LakeLayout lake) => TypedResults.Ok(new { service = "Pipeline.Silo", lake = lake.Root }))
            .ExcludeFromDescription();
        return app;
    }
}
