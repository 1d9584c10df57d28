using System.Globalization;
using System.Text;
using Pipeline.AppHost.Dashboard.Storage;
using static Pipeline.AppHost.Dashboard.Pages.Html;

namespace Pipeline.AppHost.Dashboard.Pages;

/// <summary>One trace as a waterfall; each span opens to its attributes, events, links and status.</summary>
internal static class TracePage
{
    /// <summary>Renders the trace header and the waterfall.</summary>
    public static string Render(TraceSummary trace, IReadOnlyList<SpanData> spans, TimeProvider clock)
    {
        var start = trace.Start;
        var total = Math.Max(trace.Duration.TotalMilliseconds, 0.001);
        var html = new StringBuilder("<dl class=\"facts\">")
            .Append(Fact("Trace id", $"<span class=\"mono\">{E(trace.TraceId)}</span>"))
            .Append(Fact("Started", E(Time(trace.Start, clock)))).Append(Fact("Duration", E(Duration(trace.Duration))))
            .Append(Fact("Spans", trace.SpanCount.ToString(CultureInfo.InvariantCulture)))
            .Append(Fact("Resources", string.Concat(trace.Resources.Select(r => $"<span class=\"chip\">{E(r)}</span>"))))
            .Append(Fact("Datasets", E(string.Join(", ", trace.Datasets))))
            .Append(Fact("Logs", $"<a href=\"/logs?traceId={E(trace.TraceId)}\">structured logs of this trace</a>"))
            .Append("</dl><div class=\"waterfall\" id=\"waterfall\"><div class=\"wf-head\"><span>Span</span><span>Resource</span>")
            .Append("<span class=\"wf-scale\"><span>0</span><span>").Append(E(Duration(trace.Duration / 2))).Append("</span><span>")
            .Append(E(Duration(trace.Duration))).Append("</span></span><span>Duration</span></div>");
        foreach (var (span, depth) in Waterfall.Order(spans))
        {
            var left = (span.Start - start).TotalMilliseconds / total * 100;
            var width = Math.Max(0.4, span.Duration.TotalMilliseconds / total * 100);
            html.Append("<details class=\"span status-").Append(span.Status.ToLowerInvariant()).Append("\" data-span-id=\"")
                .Append(E(span.SpanId)).Append("\"><summary><span class=\"wf-name\" style=\"padding-left:").Append(depth * 18)
                .Append("px\"><span class=\"kind\">").Append(E(span.Kind[..1])).Append("</span>").Append(E(span.Name))
                .Append("</span><span class=\"wf-res\">").Append(E(span.Resource)).Append("</span><span class=\"wf-track\"><span class=\"wf-bar\" style=\"left:")
                .Append(Pct(Math.Min(left, 99.6))).Append("%;width:").Append(Pct(Math.Min(width, 100 - Math.Min(left, 99.6))))
                .Append("%\"></span></span><span class=\"wf-dur\">").Append(E(Duration(span.Duration))).Append("</span></summary>")
                .Append(Details(span, clock)).Append("</details>");
        }

        return html.Append("</div>").ToString();
    }

    static string Details(SpanData span, TimeProvider clock)
    {
        var html = new StringBuilder("<div class=\"span-details\"><dl class=\"facts\">")
            .Append(Fact("Span id", $"<span class=\"mono\">{E(span.SpanId)}</span>"))
            .Append(Fact("Parent", span.ParentSpanId is null ? "(root)" : $"<span class=\"mono\">{E(span.ParentSpanId)}</span>"))
            .Append(Fact("Kind", E(span.Kind))).Append(Fact("Scope", E(span.Scope)))
            .Append(Fact("Start", E(Time(span.Start, clock))))
            .Append(Fact("Status", Badge(span.Status) + (span.StatusMessage is null ? "" : " " + E(span.StatusMessage))))
            .Append("</dl><h3>Attributes</h3>").Append(Attributes(span.Attributes));
        if (span.Events.Count > 0)
        {
            html.Append("<h3>Events</h3>");
            foreach (var e in span.Events)
            {
                html.Append("<p><b>").Append(E(e.Name)).Append("</b> <span class=\"muted\">+")
                    .Append(E(Duration(e.Time - span.Start))).Append("</span></p>").Append(Attributes(e.Attributes));
            }
        }

        if (span.Links.Count > 0)
        {
            html.Append("<h3>Links</h3><ul>");
            foreach (var l in span.Links)
            {
                html.Append("<li><a class=\"mono\" href=\"/traces/").Append(E(l.TraceId)).Append("\">").Append(E(l.TraceId))
                    .Append("</a> span <span class=\"mono\">").Append(E(l.SpanId)).Append("</span>").Append(Attributes(l.Attributes)).Append("</li>");
            }

            html.Append("</ul>");
        }

        return html.Append("</div>").ToString();
    }

    static string Fact(string name, string valueHtml) => $"<div><dt>{E(name)}</dt><dd>{valueHtml}</dd></div>";

    static string Pct(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
