namespace Pipeline.Silo.Grains;

public sealed partial class DatasetGrain
{
    const string ReminderName = "wake";

    IGrainTimer? timer;
    DateTimeOffset? timerAt;
    bool? hasReminder;

    /// <summary>Reminder ticks (a crash's backstop) wake the grain like its timer does.</summary>
    public Task ReceiveReminder(string reminderName, TickStatus status) => WakeAsync();

    /// <summary>
    /// Wakes the grain at <paramref name="at"/> (null: nothing is due), by a timer while it is active. The durable
    /// reminder stays while there is work (a run, a wake time) and goes once the grain is idle.
    /// </summary>
    async Task WakeAtAsync(DateTimeOffset? at, CancellationToken cancellationToken)
    {
        if (State.WakeAt != at)
        {
            State.WakeAt = at;
            await PersistAsync();
        }

        if (at is { } due)
        {
            // Arrivals during a batching window keep its end: the timer set for it stays.
            if (timer is null || timerAt != due)
            {
                var delay = due - services.Time.GetUtcNow();
                var options = new GrainTimerCreationOptions(delay > TimeSpan.Zero ? delay : TimeSpan.Zero, Timeout.InfiniteTimeSpan) { KeepAlive = true };
                timer?.Dispose();
                timer = this.RegisterGrainTimer(static (grain, ct) => grain.OnTimerAsync(ct), this, options);
                timerAt = due;
            }

            await KeepReminderAsync(cancellationToken);
        }
        else
        {
            timer?.Dispose();
            timer = null;
            timerAt = null;
            if (State.ActiveRun is null)
            {
                await DropReminderAsync();
            }
        }
    }

    Task OnTimerAsync(CancellationToken cancellationToken)
    {
        // A one-shot timer: the next wake time (if any) makes a new one.
        timer?.Dispose();
        timer = null;
        timerAt = null;
        return WakeAsync(cancellationToken);
    }

    async Task KeepReminderAsync(CancellationToken cancellationToken)
    {
        hasReminder ??= await this.GetReminder(ReminderName, cancellationToken) is not null;
        if (hasReminder == false)
        {
            await this.RegisterOrUpdateReminder(ReminderName, services.Options.ReminderPeriod, services.Options.ReminderPeriod, cancellationToken);
            hasReminder = true;
        }
    }

    async Task DropReminderAsync()
    {
        hasReminder ??= await this.GetReminder(ReminderName) is not null;
        if (hasReminder == true && await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        hasReminder = false;
    }
}
