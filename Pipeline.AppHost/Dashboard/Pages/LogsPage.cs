using System.Text;
using Pipeline.AppHost.Dashboard.Storage;
using static Pipeline.AppHost.Dashboard.Pages.Html;

namespace Pipeline.AppHost.Dashboard.Pages;

/// <summary>Structured logs received over OTLP, filtered by resource, level and trace id.</summary>
internal static class LogsPage
{
    static readonly string[] Levels = ["", "Debug", "Information", "Warning", "Error", "Critical"];

    /// <summary>Renders the filter form and the matching records, newest first.</summary>
    public static string Render(LogQuery query, IReadOnlyList<LogEntry> entries, IReadOnlyList<string> resources, TimeProvider clock)
    {
        var html = new StringBuilder("<form class=\"filters\" method=\"get\"><label>Resource <select name=\"resource\">")
            .Append(Option("", query.Resource, "(all)"));
        foreach (var r in resources)
        {
            html.Append(Option(r, query.Resource));
        }

        html.Append("</select></label><label>Level <select name=\"level\">");
        foreach (var level in Levels)
        {
            html.Append(Option(level, query.Level, level.Length == 0 ? "(all)" : level + " and above"));
        }

        html.Append("</select></label><label>Trace id <input name=\"traceId\" size=\"34\" value=\"").Append(E(query.TraceId))
            .Append("\"></label><label>Text <input name=\"q\" value=\"").Append(E(query.Text))
            .Append("\"></label><button>Filter</button></form>");
        if (entries.Count == 0)
        {
            return html.Append("<p class=\"empty\">No structured logs match. Services send them over OTLP.</p>").ToString();
        }

        html.Append("<table class=\"grid logs\"><thead><tr><th>Time</th><th>Resource</th><th>Level</th><th>Message</th><th>Trace</th></tr></thead><tbody>");
        foreach (var e in entries)
        {
            html.Append("<tr><td class=\"nowrap\">").Append(Time(e.Time, clock)).Append("</td><td>").Append(E(e.Resource))
                .Append("</td><td>").Append(Badge(e.Severity)).Append("</td><td><details><summary>").Append(E(e.Message))
                .Append("</summary><p class=\"muted\">").Append(E(e.Scope)).Append("</p>").Append(Attributes(e.Attributes))
                .Append("</details></td><td>")
                .Append(e.TraceId is { } t ? $"<a class=\"mono\" href=\"/traces/{E(t)}\">{E(t[..8])}</a>" : "")
                .Append("</td></tr>");
        }

        return html.Append("</tbody></table>").ToString();
    }
}
