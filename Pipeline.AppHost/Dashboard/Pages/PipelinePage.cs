using System.Globalization;
using System.Text;
using Pipeline.AppHost.Dashboard.Runs;
using static Pipeline.AppHost.Dashboard.Pages.Html;

namespace Pipeline.AppHost.Dashboard.Pages;

/// <summary>Datasets, their runs and each run's stage timeline, linking to the run's trace.</summary>
internal static class PipelinePage
{
    /// <summary>Renders every dataset with its newest runs.</summary>
    public static string Render(PipelineSnapshot snapshot, TimeProvider clock)
    {
        var html = new StringBuilder();
        if (snapshot.Error is { } error)
        {
            html.Append("<p class=\"error\">").Append(E(error)).Append("</p>");
        }
        else if (snapshot.Datasets.Count == 0)
        {
            html.Append("<p class=\"empty\">No datasets yet: register one with <code>PUT /api/datasets/{id}</code>.</p>");
        }

        foreach (var d in snapshot.Datasets)
        {
            html.Append("<section class=\"dataset\" data-dataset=\"").Append(E(d.Id)).Append("\"><h2>").Append(E(d.Id)).Append("</h2><p class=\"muted\">")
                .Append(E(d.Format)).Append(" · ").Append(d.ArrivalsTotal).Append(" files arrived, ").Append(d.ArrivalsPending)
                .Append(" pending").Append(d.Table is null ? "" : " · table " + E(d.Table)).Append(" · <a href=\"/traces?dataset=")
                .Append(Q(d.Id)).Append("\">traces</a></p>");
            if (d.Runs.Count == 0)
            {
                html.Append("<p class=\"muted\">no runs yet</p></section>");
                continue;
            }

            html.Append("<table class=\"grid runs\"><thead><tr><th>Run</th><th>State</th><th>Files</th><th>Created</th><th>Duration</th>")
                .Append("<th>Rows in / out / quarantined</th><th>Stages</th><th>Trace</th></tr></thead><tbody>");
            foreach (var r in d.Runs)
            {
                html.Append("<tr data-run=\"").Append(E(r.RunId)).Append("\"><td class=\"mono\">").Append(E(r.RunId)).Append("</td><td>")
                    .Append(Badge(r.State)).Append("</td><td>").Append(r.Files).Append("</td><td class=\"nowrap\">")
                    .Append(DateTime(r.CreatedAt, clock)).Append("</td><td>")
                    .Append(r.EndedAt is { } end ? Duration(end - r.CreatedAt) : "running").Append("</td><td>")
                    .Append(Counts(r)).Append("</td><td>").Append(Timeline(r, clock.GetUtcNow())).Append("</td><td>")
                    .Append(r.TraceId is { } t ? $"<a class=\"trace-link\" href=\"/traces/{E(t)}\">view trace</a>" : "<span class=\"muted\">not received</span>")
                    .Append("</td></tr>");
            }

            html.Append("</tbody></table></section>");
        }

        return html.ToString();
    }

    static string Counts(RunRow r) => r.RowsIn is null
        ? "–"
        : string.Create(CultureInfo.InvariantCulture, $"{r.RowsIn:#,0} / {r.RowsWritten:#,0} / {r.RowsQuarantined:#,0}");

    static string Timeline(RunRow run, DateTimeOffset now)
    {
        var end = run.EndedAt ?? now;
        var total = Math.Max((end - run.CreatedAt).TotalMilliseconds, 1);
        var html = new StringBuilder("<div class=\"timeline\">");
        foreach (var a in run.Attempts)
        {
            var left = Math.Clamp((a.StartedAt - run.CreatedAt).TotalMilliseconds / total * 100, 0, 99);
            var width = Math.Clamp(((a.EndedAt ?? end) - a.StartedAt).TotalMilliseconds / total * 100, 1, 100 - left);
            var title = $"{a.Stage} attempt {a.Attempt}: {Duration((a.EndedAt ?? end) - a.StartedAt)}{(a.Error is null ? "" : " – " + a.Error)}";
            html.Append("<span class=\"stage stage-").Append(E(a.Stage.ToLowerInvariant())).Append(a.Error is null ? "" : " failed")
                .Append("\" style=\"left:").Append(left.ToString("0.#", CultureInfo.InvariantCulture)).Append("%;width:")
                .Append(width.ToString("0.#", CultureInfo.InvariantCulture)).Append("%\" title=\"").Append(E(title)).Append("\"></span>");
        }

        html.Append("</div><div class=\"stage-names\">")
            .Append(E(string.Join(" → ", run.Attempts.Select(a => a.Attempt > 1 ? $"{a.Stage} #{a.Attempt}" : a.Stage)))).Append("</div>");
        return html.ToString();
    }
}
