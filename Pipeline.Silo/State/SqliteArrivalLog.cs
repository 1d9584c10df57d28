using System.Globalization;
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
    public async Task<ArrivalsRecorded> AddAsync(
        string dataset, IReadOnlyList<ArrivalNotice> notices, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
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
            recorded += await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new ArrivalsRecorded(recorded, notices.Count - recorded);
    }

    /// <inheritdoc />
    public async Task<PendingSummary> PendingAsync(string dataset, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync("SELECT count(*), min(recorded_at) FROM arrivals WHERE dataset = $dataset AND run_id IS NULL",
            r => new PendingSummary(r.GetInt64(0), r.IsDBNull(1) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1))),
            cancellationToken, ("$dataset", dataset));
        return rows.Single();
    }

    /// <inheritdoc />
    public async Task<long> TotalAsync(string dataset, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        return (long)(await connection.ScalarAsync("SELECT count(*) FROM arrivals WHERE dataset = $dataset", cancellationToken, ("$dataset", dataset)))!;
    }

    /// <inheritdoc />
    public async Task<int> ClaimAsync(string dataset, string runId, int maxFiles, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var count = await connection.ScalarAsync("""
            UPDATE arrivals SET run_id = $run
            WHERE seq IN (SELECT seq FROM arrivals WHERE dataset = $dataset AND run_id IS NULL ORDER BY seq LIMIT $max)
              AND NOT EXISTS (SELECT 1 FROM arrivals WHERE dataset = $dataset AND run_id = $run);
            SELECT count(*) FROM arrivals WHERE dataset = $dataset AND run_id = $run;
            """, cancellationToken, ("$dataset", dataset), ("$run", runId), ("$max", maxFiles));
        await transaction.CommitAsync(cancellationToken);
        return Convert.ToInt32(count, CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ArrivalRecord>> ForRunAsync(string dataset, string runId, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        return await connection.QueryAsync(
            "SELECT seq, key, etag, size, recorded_at, run_id, traceparent FROM arrivals WHERE dataset = $dataset AND run_id = $run ORDER BY seq",
            r => new ArrivalRecord(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetInt64(3),
                DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(4)), r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6)),
            cancellationToken, ("$dataset", dataset), ("$run", runId));
    }
}
