using Pipeline.Core.Datasets;

namespace Pipeline.Core.State;

/// <summary>A recorded arrival.</summary>
public sealed record ArrivalRecord(long Sequence, string Key, string ETag, long Size, DateTimeOffset RecordedAt, string? RunId, string? TraceParent);

/// <summary>Pending arrivals of a dataset: how many, and since when the oldest waits.</summary>
public sealed record PendingSummary(long Count, DateTimeOffset? Oldest);

/// <summary>
/// The arrival log port: every arrival ever recorded, once per (dataset, key, ETag) — a repeated
/// notification is a no-op. An arrival is pending until a run claims it.
/// </summary>
public interface IArrivalLog
{
    /// <summary>Records the notices that are new; returns how many were new and how many duplicates.</summary>
    Task<ArrivalsRecorded> AddAsync(string dataset, IReadOnlyList<ArrivalNotice> notices, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Counts the pending arrivals of a dataset.</summary>
    Task<PendingSummary> PendingAsync(string dataset, CancellationToken cancellationToken = default);

    /// <summary>Total arrivals ever recorded for a dataset.</summary>
    Task<long> TotalAsync(string dataset, CancellationToken cancellationToken = default);

    /// <summary>
    /// Gives the oldest pending arrivals (at most <paramref name="maxFiles"/>) to a run, unless that run
    /// already has its arrivals (idempotent after a crash); returns the run's file count.
    /// </summary>
    Task<int> ClaimAsync(string dataset, string runId, int maxFiles, CancellationToken cancellationToken = default);

    /// <summary>The arrivals of one run, in arrival order.</summary>
    Task<IReadOnlyList<ArrivalRecord>> ForRunAsync(string dataset, string runId, CancellationToken cancellationToken = default);
}
