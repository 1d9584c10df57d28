using System.Globalization;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Pipeline.Silo.State;

namespace Pipeline.Silo.Storage;

/// <summary>
/// Orleans reminders in the silo's SQLite file (silos on one machine share it). Rows are scoped by the
/// cluster's service id and found by the grain's uniform hash, which is how Orleans splits the ring between silos.
/// </summary>
public sealed class SqliteReminderTable(SqliteStore store, IOptions<ClusterOptions> cluster) : IReminderTable
{
    string ServiceId => cluster.Value.ServiceId;

    public Task StartAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public async Task<ReminderTableData> ReadRows(GrainId grainId)
    {
        await using var connection = await store.OpenAsync();
        return new ReminderTableData(await connection.QueryAsync(
            "SELECT grain_id, name, start_at, period_ms, etag FROM reminders WHERE service_id = $service AND grain_id = $grain",
            Entry, CancellationToken.None, ("$service", ServiceId), ("$grain", grainId.ToString())));
    }

    /// <summary>Reminders of the ring range (begin, end]; begin == end is the whole ring, begin > end wraps around.</summary>
    public async Task<ReminderTableData> ReadRows(uint begin, uint end)
    {
        var range = begin < end ? "grain_hash > $begin AND grain_hash <= $end" : begin > end ? "(grain_hash > $begin OR grain_hash <= $end)" : "1 = 1";
        await using var connection = await store.OpenAsync();
        return new ReminderTableData(await connection.QueryAsync(
            $"SELECT grain_id, name, start_at, period_ms, etag FROM reminders WHERE service_id = $service AND {range}",
            Entry, CancellationToken.None, ("$service", ServiceId), ("$begin", (long)begin), ("$end", (long)end)));
    }

    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName)
    {
        await using var connection = await store.OpenAsync();
        var rows = await connection.QueryAsync(
            "SELECT grain_id, name, start_at, period_ms, etag FROM reminders WHERE service_id = $service AND grain_id = $grain AND name = $name",
            Entry, CancellationToken.None, ("$service", ServiceId), ("$grain", grainId.ToString()), ("$name", reminderName));
        return rows.SingleOrDefault();
    }

    /// <summary>Stores the reminder whatever its etag (as Orleans' own tables do) and returns a fresh etag.</summary>
    public async Task<string?> UpsertRow(ReminderEntry entry)
    {
        var etag = Guid.NewGuid().ToString("N");
        await store.WriteAsync(connection => connection.ExecuteAsync("""
            INSERT INTO reminders(service_id, grain_id, name, grain_hash, start_at, period_ms, etag)
            VALUES ($service, $grain, $name, $hash, $start, $period, $etag)
            ON CONFLICT(service_id, grain_id, name) DO UPDATE SET start_at = $start, period_ms = $period, etag = $etag
            """, CancellationToken.None,
            ("$service", ServiceId), ("$grain", entry.GrainId.ToString()), ("$name", entry.ReminderName),
            ("$hash", (long)entry.GrainId.GetUniformHashCode()), ("$start", entry.StartAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)),
            ("$period", (long)entry.Period.TotalMilliseconds), ("$etag", etag)));
        return etag;
    }

    /// <summary>Removes the reminder only when its etag still matches; false otherwise.</summary>
    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        return await store.WriteAsync(connection => connection.ExecuteAsync(
            "DELETE FROM reminders WHERE service_id = $service AND grain_id = $grain AND name = $name AND etag = $etag", CancellationToken.None,
            ("$service", ServiceId), ("$grain", grainId.ToString()), ("$name", reminderName), ("$etag", eTag))) == 1;
    }

    public async Task TestOnlyClearTable()
    {
        await using var connection = await store.OpenAsync();
        await connection.ExecuteAsync("DELETE FROM reminders WHERE service_id = $service", CancellationToken.None, ("$service", ServiceId));
    }

    static ReminderEntry Entry(Microsoft.Data.Sqlite.SqliteDataReader r) => new()
    {
        GrainId = GrainId.Parse(r.GetString(0)),
        ReminderName = r.GetString(1),
        StartAt = DateTime.Parse(r.GetString(2), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        Period = TimeSpan.FromMilliseconds(r.GetInt64(3)),
        ETag = r.GetString(4),
    };
}
