using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Pipeline.AppHost.Dashboard.Runs;
using Pipeline.AppHost.Dashboard.Storage;

namespace Pipeline.AppHost.Dashboard.Api;

/// <summary>The dashboard's JSON API, used by its pages and by tests.</summary>
public static class DashboardApi
{
    /// <summary>Maps <c>/api/...</c>.</summary>
    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Dashboard");
        api.MapGet("/resources", GetResources).WithName("GetResources");
        api.MapGet("/console/{resource}", GetConsole).WithName("GetConsole");
        api.MapGet("/logs", GetLogs).WithName("GetLogs");
        api.MapGet("/traces", GetTraces).WithName("GetTraces");
        api.MapGet("/traces/{traceId}", GetTrace).WithName("GetTrace");
        api.MapGet("/metrics", GetMetrics).WithName("GetMetrics");
        api.MapGet("/pipeline", GetPipelineAsync).WithName("GetPipeline");
        return app;
    }

    static Ok<List<ResourceView>> GetResources([AsParameters] DashboardServices services)
    {
        var now = services.Time.GetUtcNow();
        return TypedResults.Ok(services.Resources.All().Select(r => ResourceView.From(r, now)).ToList());
    }

    static Ok<ConsoleLinesView> GetConsole(string resource, [AsParameters] DashboardServices services, long after = 0, int limit = 1000)
    {
        var lines = services.Console.Read(resource, after, Math.Clamp(limit, 1, 5000));
        return TypedResults.Ok(new ConsoleLinesView(resource, lines, lines.Count > 0 ? lines[^1].Sequence : after));
    }

    static Ok<IReadOnlyList<LogEntry>> GetLogs(
        [AsParameters] DashboardServices services, string? resource = null, string? level = null, string? traceId = null,
        string? q = null, int limit = 500) =>
        TypedResults.Ok(services.Telemetry.Logs.Query(new LogQuery(Empty(resource), Empty(level), Empty(traceId), Empty(q), limit)));

    static Ok<IReadOnlyList<TraceSummary>> GetTraces(
        [AsParameters] DashboardServices services, string? resource = null, string? dataset = null, string? status = null,
        string? runId = null, int limit = 200) =>
        TypedResults.Ok(services.Telemetry.Spans.Query(new TraceQuery(Empty(resource), Empty(dataset), Empty(status), Empty(runId), limit)));

    static Results<Ok<TraceDetailView>, NotFound> GetTrace(string traceId, [AsParameters] DashboardServices services) =>
        services.Telemetry.Spans.Trace(traceId) is { Count: > 0 } spans
            ? TypedResults.Ok(new TraceDetailView(TraceSummary.Of(spans), spans))
            : TypedResults.NotFound();

    static Ok<IReadOnlyList<MetricSnapshot>> GetMetrics(
        [AsParameters] DashboardServices services, string? resource = null, string? name = null) =>
        TypedResults.Ok(services.Telemetry.Metrics.Snapshot(Empty(resource), Empty(name)));

    static async Task<Ok<PipelineSnapshot>> GetPipelineAsync([AsParameters] DashboardServices services, CancellationToken cancellationToken) =>
        TypedResults.Ok(await services.Runs.LoadAsync(cancellationToken));

    static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
