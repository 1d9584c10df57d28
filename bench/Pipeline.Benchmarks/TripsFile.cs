using System.Globalization;

namespace Pipeline.Benchmarks;

/// <summary>A deterministic taxi-trips CSV of about the requested size, written by DuckDB itself.</summary>
public static class TripsFile
{
    /// <summary>Bytes per row of the generated file, measured on a sample; used to size it.</summary>
    const double BytesPerRow = 78;

    /// <summary>The header every file has.</summary>
    public const string Columns = "trip_id, vendor_id, pickup_datetime, dropoff_datetime, passenger_count, trip_distance, fare_amount, tip_amount, payment_type, store_and_fwd_flag";

    /// <summary>Writes the file; returns its row count.</summary>
    public static long Write(string path, long targetBytes)
    {
        var rows = (long)(targetBytes / BytesPerRow);
        var sql = string.Create(CultureInfo.InvariantCulture, $"""
            COPY (
              SELECT i AS trip_id,
                     1 + hash(i) % 3 AS vendor_id,
                     TIMESTAMP '2024-01-01' + to_seconds(CAST(i * 2678400 // {rows} AS BIGINT)) AS pickup_datetime,
                     TIMESTAMP '2024-01-01' + to_seconds(CAST(i * 2678400 // {rows} + 300 + hash(i) % 3000 AS BIGINT)) AS dropoff_datetime,
                     1 + hash(i * 7) % 5 AS passenger_count,
                     round((hash(i * 13) % 20000) / 1000.0, 2) AS trip_distance,
                     round(2.5 + (hash(i * 17) % 9000) / 100.0, 2) AS fare_amount,
                     round((hash(i * 19) % 1500) / 100.0, 2) AS tip_amount,
                     CASE hash(i * 23) % 4 WHEN 0 THEN 'cash' WHEN 1 THEN 'credit card' WHEN 2 THEN 'no charge' ELSE 'dispute' END AS payment_type,
                     CASE WHEN hash(i * 29) % 50 = 0 THEN 'Y' ELSE 'N' END AS store_and_fwd_flag
              FROM range({rows}) t(i))
            TO '{path.Replace("'", "''", StringComparison.Ordinal)}' (FORMAT csv, HEADER true)
            """);
        Duck.Execute(sql);
        return rows;
    }
}
