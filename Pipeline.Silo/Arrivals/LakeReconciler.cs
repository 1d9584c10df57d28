using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Pipeline.Silo.Hosting;

namespace Pipeline.Silo.Arrivals;

/// <summary>
/// Runs the reconciliation listing of a remote lake: a pass over every dataset at start-up and every
/// <see cref="SiloOptions.ReconcileInterval"/>, and one over a dataset as soon as it is registered.
/// </summary>
public sealed partial class LakeReconciler(
    RawZoneReconciliation reconciliation, DatasetNotices notices, TimeProvider time, IOptions<SiloOptions> options, ILogger<LakeReconciler> logger)
    : BackgroundService
{
    static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);
    readonly ConcurrentDictionary<string, byte> dirty = new(StringComparer.Ordinal);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextFull = DateTimeOffset.MinValue;
        using var timer = new PeriodicTimer(Tick, time);
        do
        {
            try
            {
                if (time.GetUtcNow() >= nextFull)
                {
                    nextFull = time.GetUtcNow() + options.Value.ReconcileInterval;
                    foreach (var dataset in await notices.AllAsync(stoppingToken))
                    {
                        dirty[dataset] = 0;
                    }
                }

                foreach (var dataset in await notices.NewAsync(stoppingToken))
                {
                    dirty[dataset] = 0;
                }

                foreach (var dataset in dirty.Keys)
                {
                    dirty.TryRemove(dataset, out _);
                    await reconciliation.PassAsync(dataset, stoppingToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // The lake or the state store is unreachable for now: the next period tries again.
                LogPassFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(EventId = 411, Level = LogLevel.Warning, Message = "A reconciliation pass failed; it is tried again next period")]
    static partial void LogPassFailed(ILogger logger, Exception exception);
}
