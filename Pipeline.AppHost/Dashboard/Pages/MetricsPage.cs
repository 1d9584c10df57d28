using System.Text;
using Pipeline.AppHost.Dashboard.Storage;
using static Pipeline.AppHost.Dashboard.Pages.Html;

namespace Pipeline.AppHost.Dashboard.Pages;

/// <summary>A chart per instrument, for one resource or all.</summary>
internal static class MetricsPage
{
    /// <summary>Renders the resource filter and one card per instrument.</summary>
    public static string Render(
        string? resource, string? instrument, IReadOnlyList<MetricSnapshot> metrics, IReadOnlyList<string> resources, TimeProvider clock)
    {
        metrics = instrument is null ? metrics : metrics.Where(m => m.Name.Contains(instrument, StringComparison.OrdinalIgnoreCase)).ToList();
        var html = new StringBuilder("<form class=\"filters\" method=\"get\"><label>Resource <select name=\"resource\" onchange=\"this.form.submit()\">")
            .Append(Option("", resource, "(all)"));
        foreach (var r in resources)
        {
            html.Append(Option(r, resource));
        }

        html.Append("</select></label><label>Instrument name contains <input name=\"q\" value=\"").Append(E(instrument))
            .Append("\"></label><button>Show</button></form>");
        if (metrics.Count == 0)
        {
            return html.Append("<p class=\"empty\">No metrics yet. Services export them over OTLP every few seconds.</p>").ToString();
        }

        html.Append("<div class=\"cards\">");
        foreach (var m in metrics)
        {
            var unit = m.Type == "histogram" ? $"mean {m.Unit}" : m.Unit;
            html.Append("<section class=\"card\" data-metric=\"").Append(E(m.Name)).Append("\"><h2>").Append(E(m.Name))
                .Append("</h2><p class=\"muted\">").Append(E(m.Resource)).Append(" · ").Append(E(m.Type))
                .Append(unit.Length > 0 ? " · " + E(unit) : "").Append(m.Description.Length > 0 ? " · " + E(m.Description) : "")
                .Append("</p>").Append(MetricChart.Render(m, clock)).Append("</section>");
        }

        return html.Append("</div>").ToString();
    }
}
