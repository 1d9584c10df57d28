using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Pipeline.AppHost.Dashboard.Api;
using Pipeline.AppHost.Dashboard.Storage;
using Pipeline.AppHost.Resources;

namespace Pipeline.AppHost.Dashboard.Pages;

/// <summary>The server-rendered pages of the dashboard.</summary>
public static class DashboardPages
{
    /// <summary>Maps the pages and their assets.</summary>
    public static IEndpointRouteBuilder MapDashboardPages(this IEndpointRouteBuilder app)
    {
        app.MapDashboardAssets();
        app.MapGet("/", ShowResources).WithName("ResourcesPage");
        app.MapGet("/console/{resource?}", ShowConsole).WithName("ConsolePage");
        app.MapGet("/logs", ShowLogs).WithName("LogsPage");
        app.MapGet("/traces", ShowTraces).WithName("TracesPage");
        app.MapGet("/traces/{traceId}", ShowTrace).WithName("TracePage");
        app.MapGet("/metrics", ShowMetrics).WithName("MetricsPage");
        app.MapGet("/pipeline", ShowPipelineAsync).WithName("PipelinePage");
        return app;
    }

    static IResult ShowResources([AsParameters] DashboardServices s)
    {
        var now = s.Time.GetUtcNow();
        var views = s.Resources.All().Select(r => ResourceView.From(r, now)).ToList();
        return Page("Resources", "/", ResourcesPage.Render(views, s.Time), live: true);
    }

    static IResult ShowConsole([AsParameters] DashboardServices s, string? resource = null)
    {
        var names = s.Resources.All().Select(r => r.Spec.Name).Concat(s.Console.Resources()).Distinct().ToList();
        var selected = resource ?? names.FirstOrDefault(n => n != AppHostResource.Name) ?? AppHostResource.Name;
        return Page($"Console: {selected}", "/console", ConsolePage.Render(selected, names, s.Console.Read(selected), s.Time));
    }

    static IResult ShowLogs([AsParameters] DashboardServices s, string? resource = null, string? level = null, string? traceId = null, string? q = null)
    {
        var query = new LogQuery(Empty(resource), Empty(level), Empty(traceId), Empty(q));
        var entries = s.Telemetry.Logs.Query(query);
        return Page("Structured logs", "/logs", LogsPage.Render(query, entries, s.Telemetry.Resources(), s.Time), live: true);
    }

    static IResult ShowTraces([AsParameters] DashboardServices s, string? resource = null, string? dataset = null, string? status = null)
    {
        var query = new TraceQuery(Empty(resource), Empty(dataset), Empty(status));
        var all = s.Telemetry.Spans.Query(new TraceQuery(Limit: int.MaxValue));
        var datasets = all.SelectMany(t => t.Datasets).Distinct().Order().ToList();
        var traces = all.Where(query.Matches).Take(query.Limit).ToList();
        return Page("Traces", "/traces", TracesPage.Render(query, traces, s.Telemetry.Resources(), datasets, s.Time), live: true);
    }

    static IResult ShowTrace(string traceId, [AsParameters] DashboardServices s)
    {
        if (s.Telemetry.Spans.Trace(traceId) is not { Count: > 0 } spans)
        {
            return Page("Trace not found", "/traces",
                $"<p class=\"empty\">No spans of trace <span class=\"mono\">{Html.E(traceId)}</span> are held (yet, or any more).</p>", status: 404);
        }

        var summary = TraceSummary.Of(spans);
        return Page($"Trace: {summary.Name}", "/traces", TracePage.Render(summary, spans, s.Time));
    }

    static IResult ShowMetrics([AsParameters] DashboardServices s, string? resource = null, string? q = null)
    {
        var metrics = s.Telemetry.Metrics.Snapshot(Empty(resource));
        return Page("Metrics", "/metrics", MetricsPage.Render(Empty(resource), Empty(q), metrics, s.Telemetry.Resources(), s.Time), live: true);
    }

    static async Task<IResult> ShowPipelineAsync([AsParameters] DashboardServices s, CancellationToken cancellationToken)
    {
        var snapshot = await s.Runs.LoadAsync(cancellationToken);
        return Page("Pipeline", "/pipeline", PipelinePage.Render(snapshot, s.Time), live: true);
    }

    static IResult Page(string title, string active, string content, bool live = false, int status = 200) =>
        Results.Content(PageLayout.Render(title, active, content, live), "text/html; charset=utf-8", statusCode: status);

    static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
