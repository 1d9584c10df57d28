using System.Text;
using Pipeline.AppHost.Dashboard.Storage;
using static Pipeline.AppHost.Dashboard.Pages.Html;

namespace Pipeline.AppHost.Dashboard.Pages;

/// <summary>Console logs of one resource; the script polls <c>/api/console/{resource}</c> for new lines.</summary>
internal static class ConsolePage
{
    /// <summary>Renders the page for <paramref name="resource"/> with its recent <paramref name="lines"/>.</summary>
    public static string Render(string resource, IReadOnlyList<string> resources, IReadOnlyList<ConsoleLine> lines, TimeProvider clock)
    {
        var html = new StringBuilder("<nav class=\"tabs\">");
        foreach (var name in resources)
        {
            html.Append("<a href=\"/console/").Append(Q(name)).Append('"').Append(name == resource ? " class=\"active\"" : "")
                .Append('>').Append(E(name)).Append("</a>");
        }

        var last = lines.Count > 0 ? lines[^1].Sequence : 0;
        html.Append("</nav><div class=\"console\" id=\"console\" data-console=\"").Append(E(resource))
            .Append("\" data-after=\"").Append(last).Append("\">");
        foreach (var line in lines)
        {
            html.Append("<div class=\"line\"><span class=\"ts\">").Append(Time(line.Time, clock)).Append("</span>")
                .Append(E(line.Text)).Append("</div>");
        }

        return html.Append("</div><p class=\"muted\">Live: new lines appear as the resource writes them.</p>").ToString();
    }
}
