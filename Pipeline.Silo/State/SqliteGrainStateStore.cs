using Microsoft.Data.Sqlite;

namespace Pipeline.Silo.State;

/// <summary>Grain state in SQLite: one row per grain with a version for conditional writes and a wake-up time.</summary>
public sealed class SqliteGrainStateStore(SqliteStore store) : IGrainStateStore
{
    /// <inheritdoc />
    public Task<GrainRecord?> ReadAsync(string key, CancellationToken cancellationToken = default)
    {
        using var connection = store.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT state, version FROM grains WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read() ? new GrainRecord(reader.GetString(0), reader.GetInt64(1)) : null);
    }

    /// <inheritdoc />
    public Task<long> WriteAsync(
        string key, string json, long expectedVersion, DateTimeOffset? wakeAt,
        CancellationToken cancellationToken = default)
    {
        using var connection = store.Open();
        using var command = connection.CreateCommand();
        command.CommandText = expectedVersion == 0
            ? "INSERT INTO grains(key, version, state, wake_at) VALUES ($key, 1, $state, $wake) ON CONFLICT(key) DO NOTHING"
            : "UPDATE grains SET version = version + 1, state = $state, wake_at = $wake WHERE key = $key AND version = $expected";
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$state", json);
        command.Parameters.AddWithValue("$wake", wakeAt is { } w ? w.ToUnixTimeMilliseconds() : DBNull.Value);
        command.Parameters.AddWithValue("$expected", expectedVersion);
        if (command.ExecuteNonQuery() != 1)
        {
            throw new ConcurrencyException(key, expectedVersion);
        }

        return Task.FromResult(expectedVersion + 1);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default) =>
        Keys("SELECT key FROM grains WHERE wake_at IS NOT NULL AND wake_at <= $now ORDER BY wake_at LIMIT $limit",
            ("$now", now.ToUnixTimeMilliseconds()), ("$limit", limit));

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> AllAsync(CancellationToken cancellationToken = default) =>
        Keys("SELECT key FROM grains ORDER BY key");

    Task<IReadOnlyList<string>> Keys(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = store.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var keys = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            keys.Add(reader.GetString(0));
        }

        return Task.FromResult<IReadOnlyList<string>>(keys);
    }
}
