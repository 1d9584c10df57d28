using System.Globalization;
using System.Text;

namespace Pipeline.Tests.EndToEnd;

/// <summary>Deterministic sample files with known counts and sums.</summary>
public static class SampleData
{
    /// <summary>A taxi-trips CSV: <paramref name="rows"/> rows starting at trip id <paramref name="firstId"/>.</summary>
    public static (byte[] Bytes, decimal FareSum) TripsCsv(int firstId, int rows)
    {
        var text = new StringBuilder("trip_id,vendor_id,pickup_datetime,passenger_count,fare_amount,store_and_fwd_flag\n");
        var sum = 0m;
        for (var i = firstId; i < firstId + rows; i++)
        {
            var fare = Fare(i);
            sum += fare;
            var pickup = new DateTime(2024, 1, 1, 0, 0, 0).AddHours(i % 72).AddMinutes(i % 60);
            text.Append(CultureInfo.InvariantCulture, $"{i},{1 + i % 2},{pickup:yyyy-MM-dd HH:mm:ss},{1 + i % 4},{fare},  N \n");
        }

        return (Encoding.UTF8.GetBytes(text.ToString()), sum);
    }

    /// <summary>The fare of trip <paramref name="i"/>.</summary>
    public static decimal Fare(int i) => Math.Round(2.5m + i % 97 * 0.37m, 2);

    /// <summary>Nested JSON orders: one object per line (or a top-level array).</summary>
    public static byte[] OrdersJson(int firstId, int rows, bool asArray)
    {
        var items = Enumerable.Range(firstId, rows).Select(i => string.Create(CultureInfo.InvariantCulture,
            $$$"""{"order_id": {{{i}}}, "customer": {"name": "c{{{i % 5}}}", "address": {"city": "city{{{i % 3}}}"}}, "amount": {{{i * 1.5m}}}, "tags": ["t{{{i % 2}}}", "x"]}"""));
        var text = asArray ? "[\n" + string.Join(",\n", items) + "\n]\n" : string.Join("\n", items) + "\n";
        return Encoding.UTF8.GetBytes(text);
    }

    /// <summary>Sum of amount for orders firstId..firstId+rows-1.</summary>
    public static decimal OrdersAmount(int firstId, int rows) => Enumerable.Range(firstId, rows).Sum(i => i * 1.5m);
}
