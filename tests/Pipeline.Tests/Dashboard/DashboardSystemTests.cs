using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pipeline.AppHost.Dashboard.Api;

namespace Pipeline.Tests.Dashboard;

/// <summary>The dashboard of a running system: resources, console, and a run's trace from upload to the last stage.</summary>
[Collection(RunningSystemCollection.Name)]
public sealed class DashboardSystemTests(RunningSystemFixture system)
{
    const string Dataset = RunningSystemFixture.Dataset;

    async Task<JsonNode> GetAsync(string path) => (await system.Dashboard.GetFromJsonAsync<JsonNode>(path))!;

    /// <summary>
    /// Polls until the run's trace holds the run and its three stage spans and its root, the Api's span of the upload.
    /// Each service exports every second on its own clock, so the silo's spans can arrive before the Api's.
    /// </summary>
    async Task<JsonNode> RunTraceAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        JsonNode? trace = null;
        while (DateTime.UtcNow < deadline)
        {
            var traces = (await GetAsync($"/api/traces?dataset={Dataset}&runId={system.RunId}")).AsArray();
            if (traces.Count > 0)
            {
                trace = await GetAsync($"/api/traces/{traces[0]!["traceId"]}");
                var spans = trace["spans"]!.AsArray();
                if (Names(trace).Count(n => n.EndsWith(" " + Dataset, StringComparison.Ordinal)) >= 4
                    && spans.Any(s => s!["parentSpanId"] is null))
                {
                    return trace;
                }
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"No complete trace for {system.RunId}: {trace?.ToJsonString()}");
    }

    static List<string> Names(JsonNode trace) => trace["spans"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()).ToList();

    static string? Attribute(JsonNode span, string key) =>
        span["attributes"]!.AsArray().FirstOrDefault(a => a!["key"]!.GetValue<string>() == key)?["value"]?.GetValue<string>();

    [Fact]
    public async Task SucceededRun_OneTraceHoldsUploadGrainCallsRunAndEveryStage()
    {
        var trace = await RunTraceAsync();
        var spans = trace["spans"]!.AsArray().Select(s => s!).ToList();
        JsonNode Named(string name) => spans.Single(s => s["name"]!.GetValue<string>() == name);

        var run = Named($"run {Dataset}");
        foreach (var stage in new[] { "Transform", "Catalog", "Curate" })
        {
            var span = Named($"{stage} {Dataset}");
            Assert.Equal(("silo", system.RunId, stage), (span["resource"]!.GetValue<string>(), Attribute(span, "pipeline.run_id"), Attribute(span, "pipeline.stage")));
            Assert.Equal(run["spanId"]!.GetValue<string>(), span["parentSpanId"]!.GetValue<string>());
        }

        // The upload: the trace's root is the Api's server span of the POST; its Orleans grain call reaches the silo's grain.
        var root = spans.Single(s => s["parentSpanId"] is null);
        Assert.Equal(("api", "Server"), (root["resource"]!.GetValue<string>(), root["kind"]!.GetValue<string>()));
        Assert.Equal(root["spanId"]!.GetValue<string>(), run["parentSpanId"]!.GetValue<string>());
        var arrivals = spans.Single(s => s["resource"]!.GetValue<string>() == "api" && s["kind"]!.GetValue<string>() == "Client"
            && s["name"]!.GetValue<string>().EndsWith("RecordArrivalsAsync", StringComparison.Ordinal));
        Assert.Contains(spans, s => s["resource"]!.GetValue<string>() == "silo" && s["kind"]!.GetValue<string>() == "Server"
            && s["parentSpanId"]?.GetValue<string>() == arrivals["spanId"]!.GetValue<string>());
        Assert.Equal(["api", "silo"], trace["summary"]!["resources"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.False(trace["summary"]!["hasError"]!.GetValue<bool>());

        var pipeline = await GetAsync("/api/pipeline");
        var row = pipeline["datasets"]!.AsArray().Single(d => d!["id"]!.GetValue<string>() == Dataset)!["runs"]!.AsArray()
            .Single(r => r!["runId"]!.GetValue<string>() == system.RunId)!;
        Assert.Equal(trace["summary"]!["traceId"]!.GetValue<string>(), row["traceId"]!.GetValue<string>());
        Assert.Equal(["Transform", "Catalog", "Curate"], row["attempts"]!.AsArray().Select(a => a!["stage"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Resources_ListAppHostSiloAndApi_RunningWithPidsAndTheDashboardAsOtlpEndpoint()
    {
        var resources = (await GetAsync("/api/resources")).AsArray().Select(r => r!).ToList();

        Assert.Equal(["apphost", "silo", "api"], resources.Select(r => r["name"]!.GetValue<string>()));
        Assert.All(resources, r => Assert.Equal("Running", r["state"]!.GetValue<string>()));
        Assert.Equal(system.Host.Pid, resources[0]["pid"]!.GetValue<int>());
        var env = resources[1]["environment"]!.AsArray().ToDictionary(e => e!["name"]!.GetValue<string>(), e => e!["value"]!.GetValue<string>());
        Assert.Equal(system.DashboardUrl.ToString().TrimEnd('/'), env["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        Assert.Equal("http/protobuf", env["OTEL_EXPORTER_OTLP_PROTOCOL"]);
        Assert.True(resources[1]["uptimeSeconds"]!.GetValue<double>() > 0);
        var own = resources[0]["environment"]!.AsArray().Single(e => e!["name"]!.GetValue<string>() == "PIPELINE_DASHBOARD_OTLP_API_KEY")!;
        Assert.Equal((SecretMask.Masked, true), (own["value"]!.GetValue<string>(), own["masked"]!.GetValue<bool>()));
        Assert.Equal(SecretMask.Masked, env["OTEL_EXPORTER_OTLP_HEADERS"]);
        Assert.DoesNotContain(RunningSystemFixture.OtlpApiKey, await system.Dashboard.GetStringAsync("/api/resources"));
    }

    [Fact]
    public async Task Console_OfTheSilo_HoldsItsLinesAndReturnsOnlyNewerOnes()
    {
        var all = await GetAsync("/api/console/silo");
        var lines = all["lines"]!.AsArray().Select(l => l!["text"]!.GetValue<string>()).ToList();
        var sequences = all["lines"]!.AsArray().Select(l => l!["sequence"]!.GetValue<long>()).ToList();
        var last = all["last"]!.GetValue<long>();

        Assert.Contains(lines, l => l.Contains("Now listening on", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(system.RunId, StringComparison.Ordinal));
        Assert.Equal(sequences.Max(), last);

        // The silo may log more lines (request logs, late lines) between the two reads: only those may come back.
        var newer = await GetAsync($"/api/console/silo?after={last}");
        var newerSequences = newer["lines"]!.AsArray().Select(l => l!["sequence"]!.GetValue<long>()).ToList();
        Assert.All(newerSequences, s => Assert.True(s > last, $"Line {s} is not after {last}."));
        Assert.Empty(newerSequences.Intersect(sequences));
        Assert.True(newer["last"]!.GetValue<long>() >= last);
    }
}
