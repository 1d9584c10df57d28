using System.Collections.Concurrent;
using Pipeline.AppHost.Settings;

namespace Pipeline.AppHost.Supervision;

/// <summary>
/// Aspire does not restart a service that crashed: this watches the services' states and starts a crashed one again
/// after a backoff (0.5 s doubling to 30 s). A crash loop (more than <c>--max-restarts</c> crashes in two minutes)
/// is left stopped, with a state in the dashboard that says so. A service stopped on purpose stays stopped.
/// </summary>
public sealed partial class CrashRestarter(
    ResourceNotificationService notifications, ResourceCommandService commands, AppHostSettings settings, TimeProvider time,
    IHostApplicationLifetime lifetime, ILogger<CrashRestarter> logger) : ResourceWatcher(lifetime)
{
    static readonly TimeSpan Window = TimeSpan.FromMinutes(2);
    readonly ConcurrentDictionary<string, string?> states = new();
    readonly ConcurrentDictionary<string, RestartPolicy> policies = new();
    readonly ConcurrentDictionary<string, bool> stoppedOnPurpose = new();

    // Between a crash and the service running again, more "ended" updates arrive (our own state text among them).
    readonly ConcurrentDictionary<string, bool> restarting = new();

    protected override async Task WatchAsync(CancellationToken stoppingToken)
    {
        await foreach (var update in notifications.WatchAsync(stoppingToken))
        {
            if (update.Resource is not ProjectResource)
            {
                continue;
            }

            var state = update.Snapshot.State?.Text;
            if (states.TryGetValue(update.ResourceId, out var previous) && previous == state)
            {
                continue;
            }

            states[update.ResourceId] = state;
            if (state == KnownResourceStates.Running)
            {
                restarting.TryRemove(update.ResourceId, out _);
            }

            if (state == KnownResourceStates.Stopping)
            {
                stoppedOnPurpose[update.ResourceId] = true;
            }
            else if (state == KnownResourceStates.Starting)
            {
                stoppedOnPurpose.TryRemove(update.ResourceId, out _);
            }
            else if (state is not null && KnownResourceStates.TerminalStates.Contains(state) && !stoppingToken.IsCancellationRequested
                && !stoppedOnPurpose.TryRemove(update.ResourceId, out _) && restarting.TryAdd(update.ResourceId, true))
            {
                _ = RestartAsync(update.Resource, update.ResourceId, update.Snapshot.ExitCode, stoppingToken);
            }
        }
    }

    async Task RestartAsync(IResource resource, string resourceId, int? exitCode, CancellationToken stoppingToken)
    {
        var policy = policies.GetOrAdd(resourceId, _ => new RestartPolicy(settings.MaxRestarts, Window));
        TimeSpan? delay;
        lock (policy)
        {
            delay = policy.OnCrash(time.GetUtcNow());
        }

        if (delay is not { } wait)
        {
            LogGaveUp(logger, resource.Name, exitCode, settings.MaxRestarts);
            restarting.TryRemove(resourceId, out _);
            await notifications.PublishUpdateAsync(resource, resourceId, s => s with
            {
                State = new ResourceStateSnapshot($"Crash loop: exited with {exitCode} {policy.RecentCrashes} times in 2 minutes; not restarted", KnownResourceStateStyles.Error),
            });
            return;
        }

        LogRestarting(logger, resource.Name, exitCode, wait.TotalSeconds, policy.RecentCrashes, settings.MaxRestarts);
        await notifications.PublishUpdateAsync(resource, resourceId, s => s with
        {
            State = new ResourceStateSnapshot($"Exited with {exitCode}; restarting in {wait.TotalSeconds:0.#} s ({policy.RecentCrashes} of {settings.MaxRestarts})", KnownResourceStateStyles.Warn),
        });
        await Task.Delay(wait, time, stoppingToken);
        var result = await commands.ExecuteCommandAsync(resourceId, KnownResourceCommands.StartCommand, stoppingToken);
        if (!result.Success)
        {
            restarting.TryRemove(resourceId, out _);
            LogRestartFailed(logger, resource.Name, result.Message);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "{Resource} exited with code {ExitCode}; restarting in {Seconds} s (restart {Count} of at most {Max})")]
    static partial void LogRestarting(ILogger logger, string resource, int? exitCode, double seconds, int count, int max);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "{Resource} exited with code {ExitCode} more than {Max} times in 2 minutes: a crash loop; it stays stopped (start it from the dashboard)")]
    static partial void LogGaveUp(ILogger logger, string resource, int? exitCode, int max);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "Restarting {Resource} failed: {Reason}")]
    static partial void LogRestartFailed(ILogger logger, string resource, string? reason);
}
