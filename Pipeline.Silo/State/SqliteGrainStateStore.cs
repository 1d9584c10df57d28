namespace Pipeline.Silo.State;

/// <summary>Grain state in SQLite: one row per grain with a version for conditional writes.</summary>
public sealed class SqliteGrainStateStore(SqliteStore store) : IGrainStateStore
{
    /// <inheritdoc />
    public async Task<GrainRecord?> ReadAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync("SELECT state, version FROM grain_state WHERE key = $key",
            r => new GrainRecord(r.GetString(0), r.GetInt64(1)), cancellationToken, ("$key", key));
        return rows.SingleOrDefault();
    }

    /// <inheritdoc />
    public async Task<long> WriteAsync(string key, string json, long expectedVersion, CancellationToken cancellationToken = default)
    {
        var sql = expectedVersion == 0
            ? "INSERT INTO grain_state(key, version, state) VALUES ($key, 1, $state) ON CONFLICT(key) DO NOTHING"
            : "UPDATE grain_state SET version = version + 1, state = $state WHERE key = $key AND version = $expected";
        var written = await store.WriteAsync(connection => connection.ExecuteAsync(sql, cancellationToken, ("$key", key), ("$state", json), ("$expected", expectedVersion)), cancellationToken);
        if (written != 1)
        {
            throw new ConcurrencyException(key, expectedVersion);
        }

        return expectedVersion + 1;
    }

    /// <inheritdoc />
    public async Task ClearAsync(string key, long expectedVersion, CancellationToken cancellationToken = default)
    {
        var conflict = await store.WriteAsync(async connection =>
        {
            if (await connection.ExecuteAsync("DELETE FROM grain_state WHERE key = $key AND version = $expected",
                    cancellationToken, ("$key", key), ("$expected", expectedVersion)) == 1)
            {
                return false;
            }

            // Clearing what was never read (version 0) is a no-op only while nothing is stored, as in DynamoDB.
            var stored = await connection.ScalarAsync("SELECT 1 FROM grain_state WHERE key = $key", cancellationToken, ("$key", key));
            return expectedVersion != 0 || stored is not null;
        }, cancellationToken);
        if (conflict)
        {
            throw new ConcurrencyException(key, expectedVersion);
        }
    }
}
