using System.Globalization;
using System.Text.Json;

namespace Pipeline.Silo.Queries;

/// <summary>RFC 4180 CSV fields for query results.</summary>
public static class CsvFormat
{
    /// <summary>A text field, quoted when it needs to be.</summary>
    public static string Field(string text) =>
        text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;

    /// <summary>A value: empty for NULL, invariant culture, ISO dates, nested values as JSON.</summary>
    public static string Value(object? value) => value switch
    {
        null => "",
        string s => Field(s),
        bool b => b ? "true" : "false",
        DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        DateTimeOffset d => d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f and not System.Collections.IEnumerable => Field(f.ToString(null, CultureInfo.InvariantCulture)),
        byte[] bytes => Convert.ToBase64String(bytes),
        _ => Field(JsonSerializer.Serialize(ResultValues.ToJson(value))),
    };
}
