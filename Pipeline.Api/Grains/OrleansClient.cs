using Orleans.Configuration;

namespace Pipeline.Api.Grains;

/// <summary>
/// The Api is an Orleans client of the silos' gateways: one silo on localhost by default, or the cluster whose
/// membership is in Redis. The client runs in a host of its own, started in the background: the Api serves (and
/// answers 503 for grain calls) while the cluster is not reachable yet, and the client reconnects by itself.
/// </summary>
public static class OrleansClient
{
    /// <summary>The silos' Redis membership table (as the silo reads it); unset: one silo on localhost.</summary>
    public const string RedisKey = "Pipeline:Cluster:Redis";

    public static IHostApplicationBuilder AddOrleansClient(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(sp => new ClusterConnection(builder.Configuration, sp.GetRequiredService<ILoggerFactory>(), Configure));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ClusterConnection>());
        // Ready (/health) once the cluster answers; alive (/alive) meanwhile.
        builder.Services.AddHealthChecks().AddCheck<ClusterConnection>("orleans-cluster");
        return builder;
    }

    static void Configure(IClientBuilder client, IConfiguration configuration)
    {
        if (string.IsNullOrEmpty(configuration["Orleans:Clustering:ProviderType"]))
        {
            if (configuration[RedisKey] is { Length: > 0 } redis)
            {
                client.UseRedisClustering(redis);
                client.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = configuration["Orleans:ClusterId"] ?? "pipeline";
                    o.ServiceId = configuration["Orleans:ServiceId"] ?? "pipeline";
                });
                client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5));
            }
            else
            {
                var port = int.TryParse(configuration["Orleans:Endpoints:GatewayPort"], out var p) ? p : EndpointOptions.DEFAULT_GATEWAY_PORT;
                client.UseLocalhostClustering(port, serviceId: configuration["Orleans:ServiceId"] ?? "pipeline",
                    clusterId: configuration["Orleans:ClusterId"] ?? "local");
            }
        }

        // Every grain call of ours is short; one caught on a silo that just died fails after this rather than Orleans' 30 s.
        client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(15));
        // Orleans adds it itself when configured to (Aspire's cluster reference does); twice would trace every call twice.
        if (!configuration.GetValue<bool>("Orleans:EnableDistributedTracing"))
        {
            client.AddActivityPropagation();
        }
    }
}
