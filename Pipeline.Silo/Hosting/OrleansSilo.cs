using System.Net;
using Orleans.Runtime.Hosting;
using Orleans.Configuration;
using Pipeline.Aws.Configuration;
using Pipeline.Silo.Storage;

namespace Pipeline.Silo.Hosting;

/// <summary>
/// The Orleans silo: its cluster (one silo on localhost by default, or Redis membership for several), our grain
/// storage and reminder table, trace propagation. Orleans reads its own <c>Orleans:*</c> settings too
/// (<c>Orleans__ClusterId</c>, <c>Orleans__Endpoints__SiloPort</c>, ...).
/// </summary>
public static class OrleansSilo
{
    /// <summary>Redis connection string of the cluster's membership table (several silos); unset: one silo on localhost.</summary>
    public const string RedisKey = "Pipeline:Cluster:Redis";

    public static IHostApplicationBuilder AddOrleansSilo(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.UseOrleans(silo =>
        {
            // Orleans configured its clustering from Orleans:Clustering (as Aspire sets it): nothing to add.
            if (string.IsNullOrEmpty(configuration["Orleans:Clustering:ProviderType"]))
            {
                if (configuration[RedisKey] is { Length: > 0 } redis)
                {
                    silo.UseRedisClustering(redis);
                    silo.Configure<ClusterOptions>(o =>
                    {
                        o.ClusterId = configuration["Orleans:ClusterId"] ?? "pipeline";
                        o.ServiceId = configuration["Orleans:ServiceId"] ?? "pipeline";
                    });
                    silo.Configure<EndpointOptions>(o =>
                    {
                        o.SiloPort = Port(configuration, "SiloPort", EndpointOptions.DEFAULT_SILO_PORT);
                        o.GatewayPort = Port(configuration, "GatewayPort", EndpointOptions.DEFAULT_GATEWAY_PORT);
                        if (IPAddress.TryParse(configuration["Orleans:Endpoints:AdvertisedIPAddress"], out var address))
                        {
                            o.AdvertisedIPAddress = address;
                        }
                    });
                }
                else
                {
                    silo.UseLocalhostClustering(Port(configuration, "SiloPort", EndpointOptions.DEFAULT_SILO_PORT),
                        Port(configuration, "GatewayPort", EndpointOptions.DEFAULT_GATEWAY_PORT),
                        serviceId: configuration["Orleans:ServiceId"] ?? "pipeline", clusterId: configuration["Orleans:ClusterId"] ?? "local");
                }
            }

            // How fast a dead silo is noticed (Orleans:Membership:ProbeTimeout, NumMissedProbesLimit, ...; Orleans binds none of it).
            silo.Services.AddOptions<ClusterMembershipOptions>().Bind(configuration.GetSection("Orleans:Membership"));
            // Orleans adds it itself when configured to (Aspire's cluster reference does); twice would trace every call twice.
            if (!configuration.GetValue<bool>("Orleans:EnableDistributedTracing"))
            {
                silo.AddActivityPropagation();
            }
            silo.Services.AddGrainStorage(PipelineGrainStorage.Name, (sp, _) => new PipelineGrainStorage(sp.GetRequiredService<IGrainStateStore>()));
            silo.AddReminders();
            silo.Services.AddReminderTable<SqliteReminderTable>(configuration);
            // Busy datasets keep a reminder of a few seconds (GrainOptions.ReminderPeriod): Orleans' one-minute
            // floor would leave a run abandoned by a dead silo idle for up to a minute.
            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(5));
        });
        builder.Services.AddHealthChecks().AddCheck<SiloHealthCheck>("orleans-silo");
        return builder;
    }

    static int Port(IConfiguration configuration, string name, int fallback) =>
        int.TryParse(configuration[$"Orleans:Endpoints:{name}"], out var port) ? port : fallback;
}
