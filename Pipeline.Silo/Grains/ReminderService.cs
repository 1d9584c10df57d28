namespace Pipeline.Silo.Grains;

/// <summary>
/// Wakes grains: at start-up every grain (to re-adopt attempts left in flight by a crash and to
/// start runs for arrivals recorded just before it), then every grain whose wake-up time has come.
/// </summary>
public sealed partial class ReminderService(
    GrainRuntime runtime, GrainServices services, ILogger<ReminderService> logger) : BackgroundService
{
    static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await WakeAllAsync(await services.Store.AllAsync(stoppingToken), stoppingToken);
        using var timer = new PeriodicTimer(Tick, services.Time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var due = await services.Store.DueAsync(services.Time.GetUtcNow(), 100, stoppingToken);
            await WakeAllAsync(due, stoppingToken);
        }
    }

    async Task WakeAllAsync(IReadOnlyList<string> keys, CancellationToken stoppingToken)
    {
        foreach (var key in keys)
        {
            try
            {
                await runtime.CallAsync(key, (g, ct) => g.OnReminderAsync(ct), stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One broken grain must not stop the others from waking.
                LogWakeFailed(logger, key, ex);
            }
        }
    }

    [LoggerMessage(EventId = 110, Level = LogLevel.Error, Message = "Waking grain {DatasetId} failed")]
    static partial void LogWakeFailed(ILogger logger, string datasetId, Exception exception);
}
