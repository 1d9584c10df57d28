using System.Globalization;
using System.Net;

namespace Pipeline.AppHost.Dashboard.Pages;

/// <summary>Small helpers for server-rendered HTML: encoding and the dashboard's number and time formats.</summary>
internal static class Html
{
    /// <summary>HTML-encodes text (null as empty).</summary>
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>Encodes a value for a query string.</summary>
    public static string Q(string? text) => Uri.EscapeDataString(text ?? "");

    /// <summary>A duration as 850 µs, 12.3 ms, 4.56 s or 2 min 05 s.</summary>
    public static string Duration(TimeSpan duration) => duration.TotalMilliseconds switch
    {
        < 1 => $"{duration.TotalMicroseconds.ToString("0", CultureInfo.InvariantCulture)} µs",
        < 1000 => $"{duration.TotalMilliseconds.ToString("0.##", CultureInfo.InvariantCulture)} ms",
        < 60_000 => $"{duration.TotalSeconds.ToString("0.##", CultureInfo.InvariantCulture)} s",
        _ => $"{(int)duration.TotalMinutes} min {duration.Seconds:00} s",
    };

    /// <summary>A time of day in the machine's time zone, to the millisecond.</summary>
    public static string Time(DateTimeOffset time, TimeProvider clock) =>
        TimeZoneInfo.ConvertTime(time, clock.LocalTimeZone).ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);

    /// <summary>A date and time in the machine's time zone, to the second.</summary>
    public static string DateTime(DateTimeOffset time, TimeProvider clock) =>
        TimeZoneInfo.ConvertTime(time, clock.LocalTimeZone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>A number with up to four significant decimals, invariant.</summary>
    public static string Number(double value) =>
        Math.Abs(value) >= 1000 ? value.ToString("#,0", CultureInfo.InvariantCulture) : value.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>An option element, selected when <paramref name="value"/> equals <paramref name="current"/>.</summary>
    public static string Option(string value, string? current, string? label = null) =>
        $"<option value=\"{E(value)}\"{(value == (current ?? "") ? " selected" : "")}>{E(label ?? value)}</option>";

    /// <summary>A key/value table of attributes.</summary>
    public static string Attributes(IEnumerable<KeyValuePair<string, string>> attributes)
    {
        var rows = string.Concat(attributes.Select(a => $"<tr><th>{E(a.Key)}</th><td>{E(a.Value)}</td></tr>"));
        return rows.Length == 0 ? "<p class=\"muted\">none</p>" : $"<table class=\"kv\">{rows}</table>";
    }

    /// <summary>A status badge (<c>ok</c>, <c>error</c>, <c>running</c>, ...).</summary>
    public static string Badge(string text) => $"<span class=\"badge badge-{E(text.ToLowerInvariant())}\">{E(text)}</span>";
}
