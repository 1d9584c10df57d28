using Aspire.Hosting.Eventing;
using Aspire.Hosting.Lifecycle;

namespace Pipeline.AppHost;

/// <summary>
/// A loop over the resources' states that starts before the resources do. A hosted service would start only once
/// Aspire has created every resource, which never happens when a service crashes at start and others wait for it.
/// </summary>
public abstract class ResourceWatcher(IHostApplicationLifetime lifetime) : IDistributedApplicationEventingSubscriber
{
    public Task SubscribeAsync(IDistributedApplicationEventing eventing, DistributedApplicationExecutionContext executionContext,
        CancellationToken cancellationToken)
    {
        if (executionContext.IsRunMode)
        {
            eventing.Subscribe<BeforeStartEvent>((_, _) =>
            {
                _ = Task.Run(() => WatchQuietlyAsync(lifetime.ApplicationStopping), CancellationToken.None);
                return Task.CompletedTask;
            });
        }

        return Task.CompletedTask;
    }

    protected abstract Task WatchAsync(CancellationToken stoppingToken);

    async Task WatchQuietlyAsync(CancellationToken stoppingToken)
    {
        try
        {
            await WatchAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The AppHost is stopping.
        }
    }
}
