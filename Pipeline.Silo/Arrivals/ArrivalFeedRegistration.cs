using Pipeline.Aws.Configuration;
using Pipeline.Core.Lake;
using Pipeline.ServiceDefaults.Options;

namespace Pipeline.Silo.Arrivals;

/// <summary>The arrival feed of the silo, chosen by <c>Pipeline:Lake</c> and <c>Pipeline:Arrivals</c>.</summary>
public static class ArrivalFeedRegistration
{
    /// <summary>
    /// Local lake: the folder watch with its own listing (<see cref="ArrivalScanner"/>). S3 lake: the
    /// reconciliation listing over the store, plus the SQS notification feed when <c>Pipeline:Arrivals=Sqs</c>.
    /// </summary>
    public static IServiceCollection AddArrivalFeed(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IArrivalSink, GrainArrivalSink>();
        services.AddTransient<DatasetNotices>();
        if (PortSelection.From(configuration).Lake == LakeKind.Local)
        {
            return services.AddHostedService<ArrivalScanner>();
        }

        services.AddValidatedOptions<ReconcileOptions>(ReconcileOptions.Section);
        services.AddSingleton<ReconcileMetrics>();
        services.AddSingleton<RawZoneReconciliation>();
        services.AddHostedService<LakeReconciler>();
        services.AddSqsArrivals(configuration);
        return services;
    }
}
