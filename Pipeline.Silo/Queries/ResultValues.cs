using System.Collections;
using System.Globalization;
using System.Numerics;

namespace Pipeline.Silo.Queries;

/// <summary>Makes DuckDB values JSON-friendly: 128-bit integers beyond long become strings, nested values recurse.</summary>
public static class ResultValues
{
    /// <summary>How a result row is written as JSON (as the Api writes its answers).</summary>
    public static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

    /// <summary>The value as it goes into a JSON result page.</summary>
    public static object? ToJson(object? value) => value switch
    {
        null => null,
        Int128 i => i >= long.MinValue && i <= long.MaxValue ? (long)i : i.ToString(CultureInfo.InvariantCulture),
        UInt128 u => u <= ulong.MaxValue ? (ulong)u : u.ToString(CultureInfo.InvariantCulture),
        BigInteger b => b.ToString(CultureInfo.InvariantCulture),
        double d when double.IsNaN(d) || double.IsInfinity(d) => d.ToString(CultureInfo.InvariantCulture),
        float f when float.IsNaN(f) || float.IsInfinity(f) => f.ToString(CultureInfo.InvariantCulture),
        TimeOnly t => t.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        IDictionary<string, object?> map => map.ToDictionary(kv => kv.Key, kv => ToJson(kv.Value)),
        // A STRUCT reads as Dictionary<string, object>; a MAP as a typed dictionary, whose keys need not be text.
        IDictionary pairs => pairs.Keys.Cast<object?>().Select(k => new { key = ToJson(k), value = ToJson(pairs[k!]) }).ToList(),
        string or byte[] => value,
        IEnumerable list => list.Cast<object?>().Select(ToJson).ToList(),
        _ => value,
    };
}
