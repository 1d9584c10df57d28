namespace Pipeline.Silo.State;

/// <summary>Grain state in SQLite: one row per grain with a version for conditional writes and a wake-up time.</summary>
public sealed class SqliteGrainStateStore(SqliteStore store) : IGrainStateStore
{
    /// <inheritdoc />
    public async Task<GrainRecord?> ReadAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync("SELECT state, version FROM grains WHERE key = $key",
            r => new GrainRecord(r.GetString(0), r.GetInt64(1)), cancellationToken, ("$key", key));
        return rows.SingleOrDefault();
    }

    /// <inheritdoc />
    public async Task<long> WriteAsync(
        string key, string json, long expectedVersion, DateTimeOffset? wakeAt,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        var sql = expectedVersion == 0
            ? "INSERT INTO grains(key, version, state, wake_at) VALUES ($key, 1, $state, $wake) ON CONFLICT(key) DO NOTHING"
            : "UPDATE grains SET version = version + 1, state = $state, wake_at = $wake WHERE key = $key AND version = $expected";
        var written = await connection.ExecuteAsync(sql, cancellationToken,
            ("$key", key), ("$state", json), ("$wake", wakeAt?.ToUnixTimeMilliseconds()), ("$expected", expectedVersion));
        if (written != 1)
        {
            throw new ConcurrencyException(key, expectedVersion);
        }

        return expectedVersion + 1;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        return await connection.QueryAsync("SELECT key FROM grains WHERE wake_at IS NOT NULL AND wake_at <= $now ORDER BY wake_at LIMIT $limit",
            r => r.GetString(0), cancellationToken, ("$now", now.ToUnixTimeMilliseconds()), ("$limit", limit));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> AllAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        return await connection.QueryAsync("SELECT key FROM grains ORDER BY key", r => r.GetString(0), cancellationToken);
    }
}
