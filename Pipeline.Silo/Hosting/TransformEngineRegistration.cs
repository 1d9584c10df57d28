using Microsoft.Extensions.Options;
using Pipeline.Aws.Configuration;
using Pipeline.Aws.Emr;
using Pipeline.Aws.Json;
using Pipeline.Aws.S3;
using Pipeline.Core.Lake;
using Pipeline.Core.Transform;
using Pipeline.ServiceDefaults.Options;
using Pipeline.Silo.Engines;
using Pipeline.Spark.Engine;

namespace Pipeline.Silo.Hosting;

/// <summary>
/// The transform engine: DuckDB in the silo, EMR steps, or either by the run's size (<c>Pipeline:Transform:Engine</c>).
/// EMR reads and writes the S3 lake, so it needs <c>Pipeline:Lake=S3</c>.
/// </summary>
public static class TransformEngineRegistration
{
    public static IServiceCollection AddTransformEngine(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<TransformOptions>(TransformOptions.Section);
        services.AddSingleton<DuckDbTransformEngine>();
        var kind = configuration.GetSection(TransformOptions.Section).Get<TransformOptions>()?.Engine ?? TransformEngineKind.DuckDb;
        if (kind == TransformEngineKind.DuckDb)
        {
            return services.AddSingleton<ITransformEngine>(sp =>
                new CostRoutedTransformEngine(sp.GetRequiredService<DuckDbTransformEngine>(), null, sp.GetRequiredService<IOptions<TransformOptions>>()));
        }

        if (PortSelection.From(configuration).Lake != LakeKind.S3)
        {
            throw new InvalidOperationException($"Pipeline:Transform:Engine={kind} needs Pipeline:Lake=S3: EMR reads the run's files from the S3 bucket.");
        }

        services.AddValidatedOptions<EmrOptions>(EmrOptions.Section);
        services.AddSingleton(sp => new EmrSteps(
            new EmrClient(new AwsJsonClient(new HttpClient(), AwsSettings.From(configuration), AwsJsonService.Emr, sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILoggerFactory>().CreateLogger<EmrClient>())),
            sp.GetRequiredService<IOptions<EmrOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp =>
        {
            var s3 = sp.GetRequiredService<IOptions<S3LakeOptions>>().Value;
            var keys = new S3Keys(s3.KeyPrefix);
            return new EmrTransformEngine(sp.GetRequiredService<EmrSteps>(), sp.GetRequiredService<ILakeStore>(), key => $"s3://{s3.Bucket}/{keys.ObjectKey(key)}",
                sp.GetRequiredService<Faults.FaultInjector>());
        });
        return services.AddSingleton<ITransformEngine>(sp => new CostRoutedTransformEngine(sp.GetRequiredService<DuckDbTransformEngine>(),
            sp.GetRequiredService<EmrTransformEngine>(), sp.GetRequiredService<IOptions<TransformOptions>>()));
    }
}
