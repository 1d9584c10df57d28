using Amazon.DynamoDBv2;
using Amazon.S3;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.Aws.DynamoDb;
using Pipeline.Aws.Glue;
using Pipeline.Aws.Json;
using Pipeline.Aws.S3;
using Pipeline.Aws.Sqs;
using Pipeline.Core.Lake;
using Pipeline.Core.State;
using Pipeline.Core.Tables;

namespace Pipeline.Aws.Configuration;

/// <summary>
/// One call per port in the hosts' composition: each registers the local adapter or the AWS one, as
/// <see cref="PortSelection"/> says. AWS clients take region, credentials and endpoints from <see cref="AwsSettings"/>.
/// </summary>
public static class AwsPortsRegistration
{
    /// <summary>The lake: folders under the data folder, or the S3 bucket with local copies under <c>&lt;data-dir&gt;/lake-cache</c>.</summary>
    public static IServiceCollection AddLakeStore(this IServiceCollection services, IConfiguration configuration, Func<IServiceProvider, string> dataDir)
    {
        if (PortSelection.From(configuration).Lake == LakeKind.Local)
        {
            return services.AddSingleton<ILakeStore>(sp => new LocalLakeStore(new LakeLayout(dataDir(sp))));
        }

        services.AddAwsSettings(configuration);
        services.AddOptions<S3LakeOptions>().BindConfiguration(S3LakeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<S3LakeMetrics>();
        services.TryAddSingleton(sp => S3ClientFactory.Create(sp.GetRequiredService<AwsSettings>(), sp.GetRequiredService<IOptions<S3LakeOptions>>().Value));
        return services.AddSingleton<ILakeStore>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<S3LakeOptions>>().Value;
            var cache = options.CacheDir ?? Path.Combine(Path.GetFullPath(dataDir(sp)), "lake-cache");
            return new S3LakeStore(sp.GetRequiredService<IAmazonS3>(), options, cache, sp.GetRequiredService<S3LakeMetrics>(),
                sp.GetRequiredService<TimeProvider>());
        });
    }

    /// <summary>Grain state and the arrival log: the given local (SQLite) adapters, or the DynamoDB tables.</summary>
    public static IServiceCollection AddGrainState<TLocalStore, TLocalLog>(this IServiceCollection services, IConfiguration configuration)
        where TLocalStore : class, IGrainStateStore
        where TLocalLog : class, IArrivalLog
    {
        if (PortSelection.From(configuration).State == StateKind.Sqlite)
        {
            return services.AddSingleton<IGrainStateStore, TLocalStore>().AddSingleton<IArrivalLog, TLocalLog>();
        }

        services.AddDynamoDb(configuration);
        return services.AddSingleton<IGrainStateStore, DynamoDbGrainStateStore>().AddSingleton<IArrivalLog, DynamoDbArrivalLog>();
    }

    /// <summary>
    /// The Orleans reminder table beside the grain state (<c>Pipeline:State</c>): the given local (SQLite) table, or
    /// <c>&lt;prefix&gt;reminders</c> in DynamoDB. The silo adds the reminder service itself.
    /// </summary>
    public static IServiceCollection AddReminderTable<TLocalTable>(this IServiceCollection services, IConfiguration configuration)
        where TLocalTable : class, IReminderTable
    {
        if (PortSelection.From(configuration).State == StateKind.Sqlite)
        {
            return services.AddSingleton<IReminderTable, TLocalTable>();
        }

        services.AddDynamoDb(configuration);
        return services.AddSingleton<IReminderTable, DynamoDbReminderTable>();
    }

    /// <summary>
    /// The table catalog: the given local (SQLite) one, or the Glue Data Catalog (<c>Pipeline:Glue:Database</c>) over
    /// the S3 lake's bucket.
    /// </summary>
    public static IServiceCollection AddTableCatalog<TLocalCatalog>(this IServiceCollection services, IConfiguration configuration)
        where TLocalCatalog : class, ITableCatalog
    {
        if (PortSelection.From(configuration).Catalog == CatalogKind.Sqlite)
        {
            return services.AddSingleton<ITableCatalog, TLocalCatalog>();
        }

        services.AddAwsSettings(configuration);
        services.AddOptions<GlueCatalogOptions>().BindConfiguration(GlueCatalogOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(sp => new GlueClient(new AwsJsonClient(new HttpClient(), sp.GetRequiredService<AwsSettings>(), AwsJsonService.Glue,
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>().CreateLogger<GlueClient>())));
        return services.AddSingleton<ITableCatalog>(sp =>
        {
            var s3 = sp.GetRequiredService<IOptions<S3LakeOptions>>().Value;
            var keys = new S3Keys(s3.KeyPrefix);
            return new GlueCatalog(sp.GetRequiredService<GlueClient>(), sp.GetRequiredService<IOptions<GlueCatalogOptions>>().Value,
                folder => $"s3://{s3.Bucket}/{keys.ObjectKey(folder)}", sp.GetRequiredService<TimeProvider>());
        });
    }

    /// <summary>
    /// The SQS feed of S3 event notifications (when <c>Pipeline:Arrivals=Sqs</c>; needs an <see cref="IArrivalSink"/>
    /// and the S3 lake); returns false, registering nothing, otherwise.
    /// </summary>
    public static bool AddSqsArrivals(this IServiceCollection services, IConfiguration configuration)
    {
        if (PortSelection.From(configuration).Arrivals != ArrivalsKind.Sqs)
        {
            return false;
        }

        services.AddAwsSettings(configuration);
        services.AddOptions<SqsOptions>().BindConfiguration(SqsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<SqsMetrics>();
        services.TryAddSingleton(sp => SqsClients.Create(sp.GetRequiredService<AwsSettings>(), sp.GetRequiredService<IOptions<SqsOptions>>().Value));
        services.TryAddSingleton(sp =>
        {
            var s3 = sp.GetRequiredService<IOptions<S3LakeOptions>>().Value;
            return new RawArrivalFilter(s3.Bucket, new S3Keys(s3.KeyPrefix));
        });
        services.TryAddSingleton<SqsBatchHandler>();
        services.AddHostedService<SqsArrivalFeed>();
        return true;
    }

    static void AddDynamoDb(this IServiceCollection services, IConfiguration configuration)
    {
        // Grain state and reminders share the client and tables: options bound twice would validate twice.
        if (services.Any(d => d.ServiceType == typeof(DynamoDbTables)))
        {
            return;
        }

        services.AddAwsSettings(configuration);
        services.AddOptions<DynamoDbOptions>().BindConfiguration(DynamoDbOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(sp => DynamoDbClientFactory.Create(sp.GetRequiredService<AwsSettings>()));
        services.AddSingleton(sp => new DynamoDbTables(sp.GetRequiredService<IAmazonDynamoDB>(),
            sp.GetRequiredService<IOptions<DynamoDbOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
    }

    static void AddAwsSettings(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => AwsSettings.From(configuration));
    }
}
