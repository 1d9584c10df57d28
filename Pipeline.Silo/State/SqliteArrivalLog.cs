using Microsoft.Data.Sqlite;
using Pipeline.Core.Datasets;

namespace Pipeline.Silo.State;

/// <summary>
/// Every arrival ever recorded, once per (dataset, key, ETag): the unique constraint is what makes
/// a repeated notification a no-op. An arrival is pending until a run claims it.
/// </summary>
public sealed class SqliteArrivalLog(SqliteStore store) : IArrivalLog
{
    /// <inheritdoc />
    public Task<ArrivalsRecorded> AddAsync(
        string dataset, IReadOnlyList<ArrivalNotice> notices, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        using var connection = store.Open();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO arrivals(dataset, key, etag, size, recorded_at, traceparent)
            VALUES ($dataset, $key, $etag, $size, $now, $trace) ON CONFLICT DO NOTHING
            """;
        var key = command.Parameters.Add("$key", SqliteType.Text);
        var etag = command.Parameters.Add("$etag", SqliteType.Text);
        var size = command.Parameters.Add("$size", SqliteType.Integer);
        var trace = command.Parameters.Add("$trace", SqliteType.Text);
        command.Parameters.AddWithValue("$dataset", dataset);
        command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        var recorded = 0;
        foreach (var notice in notices)
        {
            key.Value = notice.Key;
            etag.Value = notice.ETag;
            size.Value = notice.Size;
            trace.Value = (object?)notice.TraceParent ?? DBNull.Value;
            recorded += command.ExecuteNonQuery();
        }

        transaction.Commit();
        return Task.FromResult(new ArrivalsRecorded(recorded, notices.Count - recorded));
    }

    /// <inheritdoc />
    public Task<PendingSummary> PendingAsync(string dataset, CancellationToken cancellationToken = default)
    {
        using var connection = store.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*), min(recorded_at) FROM arrivals WHERE dataset = $dataset AND run_id IS NULL";
        command.Parameters.AddWithValue("$dataset", dataset);
        using var reader = command.ExecuteReader();
        reader.Read();
        var oldest = reader.IsDBNull(1) ? (DateTimeOffset?)null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1));
        return Task.FromResult(new PendingSummary(reader.GetInt64(0), oldest));
    }

    /// <inheritdoc />
    public Task<long> TotalAsync(string dataset, CancellationToken cancellationToken = default)
    {
        using var connection = store.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM arrivals WHERE dataset = $dataset";
        command.Parameters.AddWithValue("$dataset", dataset);
        return Task.FromResult((long)command.ExecuteScalar()!);
    }

    /// <inheritdoc />
    public Task<int> ClaimAsync(string dataset, string runId, int maxFiles, CancellationToken cancellationToken = default)
    {
        using var connection = store.Open();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE arrivals SET run_id = $run
            WHERE seq IN (SELECT seq FROM arrivals WHERE dataset = $dataset AND run_id IS NULL ORDER BY seq LIMIT $max)
              AND NOT EXISTS (SELECT 1 FROM arrivals WHERE dataset = $dataset AND run_id = $run);
            SELECT count(*) FROM arrivals WHERE dataset = $dataset AND run_id = $run;
            """;
        command.Parameters.AddWithValue("$dataset", dataset);
        command.Parameters.AddWithValue("$run", runId);
        command.Parameters.AddWithValue("$max", maxFiles);
        var count = Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        transaction.Commit();
        return Task.FromResult(count);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ArrivalRecord>> ForRunAsync(string dataset, string runId, CancellationToken cancellationToken = default)
    {
        using var connection = store.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, key, etag, size, recorded_at, run_id, traceparent FROM arrivals WHERE dataset = $dataset AND run_id = $run ORDER BY seq";
        command.Parameters.AddWithValue("$dataset", dataset);
        command.Parameters.AddWithValue("$run", runId);
        var list = new List<ArrivalRecord>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            list.Add(new ArrivalRecord(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)), reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6)));
        }

        return Task.FromResult<IReadOnlyList<ArrivalRecord>>(list);
    }
}
