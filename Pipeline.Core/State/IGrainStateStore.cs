namespace Pipeline.Core.State;

/// <summary>A grain's persisted state and the version its next write must match.</summary>
public sealed record GrainRecord(string Json, long Version);

/// <summary>Another writer changed the grain since it was read: reload and re-apply.</summary>
public sealed class ConcurrencyException(string key, long expected)
    : Exception($"Grain '{key}' is no longer at version {expected}");

/// <summary>
/// Where Orleans grain state is kept (SQLite locally, DynamoDB on AWS), behind one <c>IGrainStorage</c>: one record
/// per grain with a version that every write and delete must match, so two silos can never both win.
/// </summary>
public interface IGrainStateStore
{
    /// <summary>Reads a grain's state; null when it was never written or was cleared.</summary>
    Task<GrainRecord?> ReadAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes when the stored version still is <paramref name="expectedVersion"/> (0: nothing stored);
    /// returns the new version or throws <see cref="ConcurrencyException"/>.
    /// </summary>
    Task<long> WriteAsync(string key, string json, long expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Deletes the record when the stored version still is <paramref name="expectedVersion"/>; else <see cref="ConcurrencyException"/>.</summary>
    Task ClearAsync(string key, long expectedVersion, CancellationToken cancellationToken = default);
}
