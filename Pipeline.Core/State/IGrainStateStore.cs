namespace Pipeline.Core.State;

/// <summary>A grain's persisted state and the version its next write must match.</summary>
public sealed record GrainRecord(string Json, long Version);

/// <summary>Another writer changed the grain since it was read: reload and re-apply.</summary>
public sealed class ConcurrencyException(string key, long expected)
    : Exception($"Grain '{key}' is no longer at version {expected}");

/// <summary>
/// The grain state port (SQLite locally, DynamoDB on AWS): one record per grain with a version that
/// every write must match, so two silos can never both win a write, and a wake-up time for reminders.
/// </summary>
public interface IGrainStateStore
{
    /// <summary>Reads a grain's state; null when it was never written.</summary>
    Task<GrainRecord?> ReadAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes when the stored version still is <paramref name="expectedVersion"/> (0: not stored yet);
    /// returns the new version or throws <see cref="ConcurrencyException"/>.
    /// </summary>
    Task<long> WriteAsync(string key, string json, long expectedVersion, DateTimeOffset? wakeAt, CancellationToken cancellationToken = default);

    /// <summary>Grains whose wake-up time has come.</summary>
    Task<IReadOnlyList<string>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default);

    /// <summary>Every grain key: the silo wakes each at start-up, so work in flight is re-adopted and nothing waits unseen.</summary>
    Task<IReadOnlyList<string>> AllAsync(CancellationToken cancellationToken = default);
}
