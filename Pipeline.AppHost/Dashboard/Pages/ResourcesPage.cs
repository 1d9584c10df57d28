using System.Text;
using Pipeline.AppHost.Dashboard.Api;
using static Pipeline.AppHost.Dashboard.Pages.Html;

namespace Pipeline.AppHost.Dashboard.Pages;

/// <summary>The Resources page: every process with its state, pid, URL, uptime, restarts and environment.</summary>
internal static class ResourcesPage
{
    /// <summary>Renders the page.</summary>
    public static string Render(IReadOnlyList<ResourceView> resources, TimeProvider clock)
    {
        var html = new StringBuilder("<table class=\"grid\"><thead><tr><th>Name</th><th>Type</th><th>State</th><th>PID</th>")
            .Append("<th>URL</th><th>Started</th><th>Uptime</th><th>Restarts</th><th>Environment</th></tr></thead><tbody>");
        foreach (var r in resources)
        {
            html.Append("<tr data-resource=\"").Append(E(r.Name)).Append("\"><td><a href=\"/console/").Append(Q(r.Name)).Append("\">")
                .Append(E(r.Name)).Append("</a></td><td>").Append(E(r.Type)).Append("</td><td>").Append(Badge(r.State));
            if (r.LastExitCode is { } code)
            {
                html.Append(" <span class=\"muted\">last exit ").Append(code).Append("</span>");
            }

            html.Append("</td><td>").Append(r.Pid?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "–")
                .Append("</td><td><a href=\"").Append(E(r.Url)).Append("\" target=\"_blank\">").Append(E(r.Url)).Append("</a></td><td class=\"nowrap\">")
                .Append(r.StartedAt is { } started ? DateTime(started, clock) : "–").Append("</td><td>")
                .Append(r.UptimeSeconds is { } up ? Duration(TimeSpan.FromSeconds(Math.Floor(up))) : "–").Append("</td><td>")
                .Append(r.Restarts).Append("</td><td>").Append(Environment(r.Environment)).Append("</td></tr>");
        }

        return html.Append("</tbody></table>").ToString();
    }

    static string Environment(IReadOnlyList<EnvironmentVariableView> variables)
    {
        var rows = string.Concat(variables.Select(v =>
            $"<tr><th>{E(v.Name)}</th><td{(v.Masked ? " class=\"masked\"" : "")}>{E(v.Value)}</td></tr>"));
        return $"<details><summary>{variables.Count} variables</summary><table class=\"kv\">{rows}</table></details>";
    }
}
