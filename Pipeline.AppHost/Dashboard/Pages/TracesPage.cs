using System.Text;
using Pipeline.AppHost.Dashboard.Storage;
using static Pipeline.AppHost.Dashboard.Pages.Html;

namespace Pipeline.AppHost.Dashboard.Pages;

/// <summary>The trace list, filtered by resource, dataset and status.</summary>
internal static class TracesPage
{
    /// <summary>Renders the filter form and the matching traces, newest first.</summary>
    public static string Render(
        TraceQuery query, IReadOnlyList<TraceSummary> traces, IReadOnlyList<string> resources, IReadOnlyList<string> datasets,
        TimeProvider clock)
    {
        var html = new StringBuilder("<form class=\"filters\" method=\"get\"><label>Resource <select name=\"resource\">")
            .Append(Option("", query.Resource, "(all)"));
        foreach (var r in resources)
        {
            html.Append(Option(r, query.Resource));
        }

        html.Append("</select></label><label>Dataset <select name=\"dataset\">").Append(Option("", query.Dataset, "(all)"));
        foreach (var d in datasets)
        {
            html.Append(Option(d, query.Dataset));
        }

        html.Append("</select></label><label>Status <select name=\"status\">").Append(Option("", query.Status, "(all)"))
            .Append(Option("ok", query.Status, "no error")).Append(Option("error", query.Status, "error"))
            .Append("</select></label><button>Filter</button></form>");
        if (traces.Count == 0)
        {
            return html.Append("<p class=\"empty\">No traces match. Services send them over OTLP.</p>").ToString();
        }

        var longest = Math.Max(traces.Max(t => t.Duration.TotalMilliseconds), 0.001);
        html.Append("<table class=\"grid traces\"><thead><tr><th>Start</th><th>Name</th><th>Resources</th><th>Dataset · run</th>")
            .Append("<th>Spans</th><th>Duration</th><th>Status</th></tr></thead><tbody>");
        foreach (var t in traces)
        {
            var width = Math.Max(1, t.Duration.TotalMilliseconds / longest * 100);
            html.Append("<tr><td class=\"nowrap\">").Append(Time(t.Start, clock)).Append("</td><td><a href=\"/traces/").Append(E(t.TraceId))
                .Append("\">").Append(E(t.Name)).Append("</a> <span class=\"mono muted\">").Append(E(t.TraceId[..8])).Append("</span></td><td>")
                .Append(string.Concat(t.Resources.Select(r => $"<span class=\"chip\">{E(r)}</span>"))).Append("</td><td>")
                .Append(E(string.Join(", ", t.Datasets))).Append(t.RunIds.Count > 0 ? $" <span class=\"muted\">{E(string.Join(", ", t.RunIds))}</span>" : "")
                .Append("</td><td>").Append(t.SpanCount).Append("</td><td class=\"durcell\">")
                .Append("<span class=\"minitrack\"><span class=\"minibar\" style=\"width:")
                .Append(width.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture))
                .Append("%\"></span></span>").Append(Duration(t.Duration)).Append("</td><td>")
                .Append(Badge(t.HasError ? "Error" : "Ok")).Append("</td></tr>");
        }

        return html.Append("</tbody></table>").ToString();
    }
}
