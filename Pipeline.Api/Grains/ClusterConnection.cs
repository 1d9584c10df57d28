using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Pipeline.Api.Grains;

/// <summary>
/// The Orleans client's own host, connected in the background until the cluster answers. <see cref="Grains"/> refuses
/// with <see cref="SiloUnavailableException"/> (503) until then, instead of every request waiting for the cluster.
/// </summary>
public sealed partial class ClusterConnection : IHostedService, IHealthCheck, IAsyncDisposable
{
    static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(1);
    readonly IHost host;
    readonly ILogger logger;
    readonly CancellationTokenSource stopping = new();
    Task? connecting;
    volatile bool connected;

    public ClusterConnection(IConfiguration configuration, ILoggerFactory loggers, Action<IClientBuilder, IConfiguration> configure)
    {
        logger = loggers.CreateLogger<ClusterConnection>();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, Configuration = new ConfigurationManager() });
        builder.Configuration.AddConfiguration(configuration);
        builder.Services.AddSingleton(loggers);
        builder.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        // The Api's own host already said "Application started"; this inner host saying it again only confuses.
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        builder.UseOrleansClient(client =>
        {
            configure(client, configuration);
            client.UseConnectionRetryFilter(async (exception, cancellationToken) =>
            {
                LogWaiting(logger, exception.Message);
                await Task.Delay(RetryEvery, cancellationToken);
                return !cancellationToken.IsCancellationRequested;
            });
        });
        host = builder.Build();
    }

    /// <summary>The cluster's grains; 503 (<see cref="SiloUnavailableException"/>) while not connected yet.</summary>
    public IGrainFactory Grains => connected
        ? host.Services.GetRequiredService<IClusterClient>()
        : throw new SiloUnavailableException("The Api has not reached the cluster yet.");

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        // Degraded, not Unhealthy: waiting for the cluster at start is expected (logged as a warning); /health still answers 503.
        Task.FromResult(connected ? HealthCheckResult.Healthy() : HealthCheckResult.Degraded("The Orleans cluster has not answered yet."));

    public Task StartAsync(CancellationToken cancellationToken)
    {
        connecting = Task.Run(async () =>
        {
            try
            {
                await host.StartAsync(stopping.Token);
                connected = true;
                LogConnected(logger);
            }
            catch (Exception ex) when (stopping.IsCancellationRequested)
            {
                // Stopped before the cluster answered: whatever the connection attempt threw is moot.
                LogStoppedWaiting(logger, ex);
            }
        }, CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        await (connecting ?? Task.CompletedTask);

        await host.StopAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        // 'stopping' is cancelled, not disposed: WebApplicationFactory can stop the host after its services were disposed,
        // and a CancellationTokenSource without a timer holds nothing to release.
        await stopping.CancelAsync();
        if (host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }

    [LoggerMessage(EventId = 500, Level = LogLevel.Information, Message = "Connected to the Orleans cluster")]
    static partial void LogConnected(ILogger logger);

    [LoggerMessage(EventId = 502, Level = LogLevel.Debug, Message = "Stopped while waiting for the Orleans cluster")]
    static partial void LogStoppedWaiting(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 501, Level = LogLevel.Information, Message = "Waiting for the Orleans cluster: {Reason}")]
    static partial void LogWaiting(ILogger logger, string reason);
}
