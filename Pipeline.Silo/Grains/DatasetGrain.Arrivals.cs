namespace Pipeline.Silo.Grains;

public sealed partial class DatasetGrain
{
    // The grain is the only writer of its arrivals, so it keeps their counts instead of asking the log on every call
    // (counting the pending arrivals reads each of them). Reloaded after a claim, or when this activation reloads.
    PendingSummary? pending;
    long? total;

    async Task<PendingSummary> PendingAsync(CancellationToken cancellationToken) =>
        pending ??= await services.Arrivals.PendingAsync(Id, cancellationToken);

    void Recorded(int count, DateTimeOffset at)
    {
        if (count == 0)
        {
            return;
        }

        if (pending is { } known)
        {
            pending = new PendingSummary(known.Count + count, known.Oldest ?? at);
        }

        total += count;
    }
}
