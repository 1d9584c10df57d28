using System.Text.Json.Nodes;

namespace Pipeline.Tests.AppHost;

/// <summary>A run's trace as the Aspire dashboard received it over OTLP from both services.</summary>
[Collection(AspireSystemCollection.Name)]
public sealed class DashboardTraceTests(AspireSystemFixture system)
{
    const string Dataset = AspireSystemFixture.Dataset;

    sealed record Span(string Service, string Name, int Kind, string Id, string? Parent, JsonArray Attributes, int Status)
    {
        public string? Attribute(string key) =>
            Attributes.FirstOrDefault(a => a!["key"]!.GetValue<string>() == key)?["value"]?["stringValue"]?.GetValue<string>();
    }

    static List<Span> Spans(JsonNode? trace) =>
        trace?["data"]?["resourceSpans"]?.AsArray().SelectMany(resource =>
        {
            var service = resource!["resource"]!["attributes"]!.AsArray()
                .First(a => a!["key"]!.GetValue<string>() == "service.name")!["value"]!["stringValue"]!.GetValue<string>();
            return resource["scopeSpans"]!.AsArray().SelectMany(scope => scope!["spans"]!.AsArray()).Select(s => new Span(service,
                s!["name"]!.GetValue<string>(), s["kind"]!.GetValue<int>(), s["spanId"]!.GetValue<string>(),
                s["parentSpanId"]?.GetValue<string>(), s["attributes"]?.AsArray() ?? [], s["status"]?["code"]?.GetValue<int>() ?? 0));
        }).ToList() ?? [];

    /// <summary>Each service exports every second on its own clock: polls until the whole run is in.</summary>
    async Task<List<Span>> RunTraceAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        List<Span> spans = [];
        while (DateTime.UtcNow < deadline)
        {
            spans = Spans(await system.TraceAsync());
            if (spans.Any(s => s.Parent is null) && spans.Any(s => s.Name == $"Curate {Dataset}"))
            {
                return spans;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"No complete trace {system.TraceId}: {string.Join(", ", spans.Select(s => $"{s.Service}:{s.Name}"))}");
    }

    [Fact]
    public async Task SucceededRun_OneTraceFromTheApiUploadThroughTheGrainCallToEveryStageOnTheSilo()
    {
        var spans = await RunTraceAsync();

        // The root: the Api's server span of the upload (OTLP kinds: 2 server, 3 client).
        var root = Assert.Single(spans, s => s.Parent is null);
        Assert.Equal(("api", 2, "POST /api/datasets/{id}/files"), (root.Service, root.Kind, root.Name));

        // The upload's grain call leaves the Api once and arrives at the silo once.
        var call = Assert.Single(spans, s => s.Service == "api" && s.Kind == 3 && s.Name.EndsWith("RecordArrivalsAsync", StringComparison.Ordinal));
        Assert.Single(spans, s => s.Service == "silo" && s.Kind == 2 && s.Parent == call.Id);

        // The run hangs off the upload that started it; each stage off the run, tagged with the run.
        var run = Assert.Single(spans, s => s.Name == $"run {Dataset}");
        Assert.Equal(("silo", root.Id), (run.Service, run.Parent));
        foreach (var stage in new[] { "Transform", "Catalog", "Curate" })
        {
            var span = Assert.Single(spans, s => s.Name == $"{stage} {Dataset}");
            Assert.Equal(("silo", run.Id, system.RunId, stage), (span.Service, span.Parent, span.Attribute("pipeline.run_id"), span.Attribute("pipeline.stage")));
        }

        Assert.DoesNotContain(spans, s => s.Status == 2);
    }
}
