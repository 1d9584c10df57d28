using System.Text;

namespace Pipeline.AppHost.Dashboard.Pages;

/// <summary>The page shell: head, navigation bar and the page's content.</summary>
internal static class PageLayout
{
    static readonly (string Path, string Label)[] Navigation =
    [
        ("/", "Resources"), ("/console", "Console"), ("/logs", "Structured logs"), ("/traces", "Traces"),
        ("/metrics", "Metrics"), ("/pipeline", "Pipeline"),
    ];

    /// <summary>A complete HTML document; <paramref name="live"/> adds the auto-refresh switch.</summary>
    public static string Render(string title, string active, string content, bool live = false)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(Html.E(title)).Append(" · Pipeline dashboard</title>")
            .Append("<link rel=\"stylesheet\" href=\"/assets/dashboard.css\"></head><body>")
            .Append("<header><a class=\"brand\" href=\"/\">Pipeline</a><nav>");
        foreach (var (path, label) in Navigation)
        {
            var current = path == active ? " class=\"active\" aria-current=\"page\"" : "";
            html.Append("<a href=\"").Append(path).Append('"').Append(current).Append('>').Append(label).Append("</a>");
        }

        html.Append("</nav>");
        if (live)
        {
            html.Append("<label class=\"live\"><input type=\"checkbox\" id=\"live\" checked> live</label>");
        }

        html.Append("</header><main id=\"content\"><h1>").Append(Html.E(title)).Append("</h1>")
            .Append(content)
            .Append("</main><script src=\"/assets/dashboard.js\"></script></body></html>");
        return html.ToString();
    }
}
