using System.Globalization;
using System.Text;
using Pipeline.AppHost.Dashboard.Storage;
using static Pipeline.AppHost.Dashboard.Pages.Html;

namespace Pipeline.AppHost.Dashboard.Pages;

/// <summary>An inline SVG line chart of one instrument: one line per series, value axis from zero.</summary>
internal static class MetricChart
{
    const int Width = 560, Height = 170, Left = 64, Right = 10, Top = 10, Bottom = 22;
    const int MaxSeries = 10;
    static readonly string[] Colors = ["#2563eb", "#dc2626", "#16a34a", "#d97706", "#7c3aed", "#0891b2", "#db2777", "#65a30d", "#475569", "#ea580c"];

    /// <summary>The chart and its legend.</summary>
    public static string Render(MetricSnapshot metric, TimeProvider clock)
    {
        var series = metric.Series.Where(s => s.Points.Count > 0).Take(MaxSeries).ToList();
        var points = series.SelectMany(s => s.Points).ToList();
        if (points.Count == 0)
        {
            return "<p class=\"muted\">no points yet</p>";
        }

        var (t0, t1) = (points.Min(p => p.Time), points.Max(p => p.Time));
        var (v0, v1) = (Math.Min(0, points.Min(p => p.Value)), points.Max(p => p.Value));
        if (v1 <= v0)
        {
            v1 = v0 + 1;
        }

        var span = Math.Max((t1 - t0).TotalMilliseconds, 1);
        double X(DateTimeOffset t) => Left + (t - t0).TotalMilliseconds / span * (Width - Left - Right);
        double Y(double v) => Top + (1 - (v - v0) / (v1 - v0)) * (Height - Top - Bottom);

        var svg = new StringBuilder($"<svg class=\"chart\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{E(metric.Name)}\">");
        foreach (var v in new[] { v0, (v0 + v1) / 2, v1 })
        {
            svg.Append($"<line class=\"gridline\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{N(Y(v))}\" y2=\"{N(Y(v))}\"/>")
                .Append($"<text class=\"axis\" x=\"{Left - 6}\" y=\"{N(Y(v) + 4)}\" text-anchor=\"end\">{E(Number(v))}</text>");
        }

        svg.Append($"<text class=\"axis\" x=\"{Left}\" y=\"{Height - 6}\">{E(Time(t0, clock)[..8])}</text>")
            .Append($"<text class=\"axis\" x=\"{Width - Right}\" y=\"{Height - 6}\" text-anchor=\"end\">{E(Time(t1, clock)[..8])}</text>");
        var legend = new StringBuilder("<ul class=\"legend\">");
        for (var i = 0; i < series.Count; i++)
        {
            var color = Colors[i % Colors.Length];
            var coords = string.Join(' ', series[i].Points.Select(p => $"{N(X(p.Time))},{N(Y(p.Value))}"));
            svg.Append(series[i].Points.Count == 1
                ? $"<circle cx=\"{N(X(series[i].Points[0].Time))}\" cy=\"{N(Y(series[i].Points[0].Value))}\" r=\"3\" fill=\"{color}\"/>"
                : $"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"1.8\" points=\"{coords}\"/>");
            var label = series[i].Attributes.Count == 0 ? "(no attributes)" : string.Join(", ", series[i].Attributes.Select(a => $"{a.Key}={a.Value}"));
            legend.Append($"<li><span class=\"swatch\" style=\"background:{color}\"></span>{E(label)} <b>{E(Number(series[i].Points[^1].Value))}</b></li>");
        }

        if (metric.Series.Count > MaxSeries)
        {
            legend.Append($"<li class=\"muted\">{metric.Series.Count - MaxSeries} more series not drawn</li>");
        }

        return svg.Append("</svg>").Append(legend).Append("</ul>").ToString();
    }

    static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
