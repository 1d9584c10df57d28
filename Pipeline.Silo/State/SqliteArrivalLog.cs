using System.Collections.Concurrent;
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
    readonly ConcurrentQueue<PendingAdd> adds = new();

    /// <summary>
    /// Group commit: each call queues its notices and waits for the writer's turn; whoever gets it writes everything
    /// queued so far in one transaction. Under load one commit covers many calls; alone, a call writes its own.
    /// </summary>
    public async Task<ArrivalsRecorded> AddAsync(
        string dataset, IReadOnlyList<ArrivalNotice> notices, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var mine = new PendingAdd(dataset, notices, now);
        adds.Enqueue(mine);
        using (await store.WriterAsync(cancellationToken))
        {
            if (!mine.Result.Task.IsCompleted)
            {
                var batch = new List<PendingAdd>();
                while (adds.TryDequeue(out var next))
                {
                    batch.Add(next);
                }

                try
                {
                    // Not the caller's token: the transaction carries other callers' notices too.
                    var recorded = await InsertAsync(batch, CancellationToken.None);
                    for (var i = 0; i < batch.Count; i++)
                    {
                        batch[i].Result.TrySetResult(new ArrivalsRecorded(recorded[i], batch[i].Notices.Count - recorded[i]));
                    }
                }
                catch (Exception ex)
                {
                    batch.ForEach(b => b.Result.TrySetException(ex));
                }
            }
        }

        return await mine.Result.Task;
    }

    async Task<int[]> InsertAsync(List<PendingAdd> batch, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO arrivals(dataset, key, etag, size, recorded_at, traceparent)
            VALUES ($dataset, $key, $etag, $size, $now, $trace) ON CONFLICT DO NOTHING
            """;
        var dataset = command.Parameters.Add("$dataset", SqliteType.Text);
        var now = command.Parameters.Add("$now", SqliteType.Integer);
        var key = command.Parameters.Add("$key", SqliteType.Text);
        var etag = command.Parameters.Add("$etag", SqliteType.Text);
        var size = command.Parameters.Add("$size", SqliteType.Integer);
        var trace = command.Parameters.Add("$trace", SqliteType.Text);
        var recorded = new int[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            dataset.Value = batch[i].Dataset;
            now.Value = batch[i].Now.ToUnixTimeMilliseconds();
            foreach (var notice in batch[i].Notices)
            {
                key.Value = notice.Key;
                etag.Value = notice.ETag;
                size.Value = notice.Size;
                trace.Value = (object?)notice.TraceParent ?? DBNull.Value;
                recorded[i] += await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return recorded;
    }

    sealed record PendingAdd(string Dataset, IReadOnlyList<ArrivalNotice> Notices, DateTimeOffset Now)
    {
        public TaskCompletionSource<ArrivalsRecorded> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
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
        var count = await store.WriteAsync(connection => connection.ScalarAsync("""
            UPDATE arrivals SET run_id = $run
            WHERE seq IN (SELECT seq FROM arrivals WHERE dataset = $dataset AND run_id IS NULL ORDER BY seq LIMIT $max)
              AND NOT EXISTS (SELECT 1 FROM arrivals WHERE dataset = $dataset AND run_id = $run);
            SELECT count(*) FROM arrivals WHERE dataset = $dataset AND run_id = $run;
            """, cancellationToken, ("$dataset", dataset), ("$run", runId), ("$max", maxFiles)), cancellationToken);
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
