using System.Globalization;
using System.Text;

namespace Pipeline.Aws.Tests.EndToEnd;

/// <summary>Deterministic taxi-trip CSV files with a known fare sum.</summary>
public static class SampleData
{
    /// <summary><paramref name="rows"/> trips starting at id <paramref name="firstId"/>.</summary>
    public static (byte[] Bytes, decimal FareSum) TripsCsv(int firstId, int rows)
    {
        var text = new StringBuilder("trip_id,vendor_id,pickup_datetime,fare_amount\n");
        var sum = 0m;
        for (var i = firstId; i < firstId + rows; i++)
        {
            var fare = Math.Round(2.5m + i % 97 * 0.37m, 2);
            sum += fare;
            text.Append(CultureInfo.InvariantCulture, $"{i},{1 + i % 2},{new DateTime(2024, 1, 1).AddHours(i % 72):yyyy-MM-dd HH:mm:ss},{fare}\n");
        }

        return (Encoding.UTF8.GetBytes(text.ToString()), sum);
    }
}
