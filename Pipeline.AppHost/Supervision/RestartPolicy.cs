namespace Pipeline.AppHost.Supervision;

/// <summary>
/// Decides, from the recent crash times of one resource, whether to restart it and after how long:
/// exponential backoff (0.5 s, 1 s, 2 s ... capped at 30 s), giving up after too many crashes in a window.
/// </summary>
public sealed class RestartPolicy(int maxRestarts, TimeSpan window)
{
    static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(500);
    static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    readonly Queue<DateTimeOffset> crashes = new();

    /// <summary>Number of crashes remembered within the window.</summary>
    public int RecentCrashes => crashes.Count;

    /// <summary>Records a crash at <paramref name="now"/>; returns the delay before restarting, or null to give up.</summary>
    public TimeSpan? OnCrash(DateTimeOffset now)
    {
        while (crashes.TryPeek(out var oldest) && now - oldest > window)
        {
            crashes.Dequeue();
        }

        crashes.Enqueue(now);
        if (crashes.Count > maxRestarts)
        {
            return null;
        }

        var factor = Math.Pow(2, crashes.Count - 1);
        var delay = TimeSpan.FromTicks((long)Math.Min(MaxDelay.Ticks, BaseDelay.Ticks * factor));
        return delay;
    }
}
