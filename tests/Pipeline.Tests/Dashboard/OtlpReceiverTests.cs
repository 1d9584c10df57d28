using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Pipeline.Tests.Dashboard;

/// <summary>
/// The receiver fed by the OpenTelemetry .NET SDK's own OTLP exporter (http/protobuf), read back
/// through the dashboard's JSON API.
/// </summary>
public sealed partial class OtlpReceiverTests : IAsyncLifetime
{
    const string Service = "receiver-test";
    readonly string sourceName = "Pipeline.Tests.Receiver." + Guid.NewGuid().ToString("N")[..8];
    InProcessDashboard dashboard = null!;

    public async Task InitializeAsync() => dashboard = await InProcessDashboard.StartAsync();

    public async Task DisposeAsync() => await dashboard.DisposeAsync();

    void Exporter(OtlpExporterOptions o, string signal)
    {
        o.Endpoint = new Uri(dashboard.Server.Url, "/v1/" + signal);
        o.Protocol = OtlpExportProtocol.HttpProtobuf;
        o.ExportProcessorType = ExportProcessorType.Simple;
    }

    [Fact]
    public async Task Traces_FromTheSdkExporter_AreReadBackWithNamesAttributesParentsEventsLinksAndStatus()
    {
        using var source = new ActivitySource(sourceName);
        var linked = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);
        using (var tracing = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(ResourceBuilder.CreateDefault().AddService(Service))
            .AddSource(sourceName).AddOtlpExporter(o => Exporter(o, "traces")).Build())
        {
            using (var upload = source.StartActivity("upload trips", ActivityKind.Server))
            {
                upload!.SetTag("pipeline.dataset", "trips").SetTag("http.response.status_code", 202);
                using var stage = source.StartActivity("Transform trips", ActivityKind.Internal, upload.Context,
                    [new("pipeline.dataset", "trips"), new("pipeline.run_id", "run-000001"), new("pipeline.attempt", 2)],
                    [new ActivityLink(linked)]);
                stage!.AddEvent(new ActivityEvent("retrying", tags: new ActivityTagsCollection { ["reason"] = "io" }));
                stage.SetStatus(ActivityStatusCode.Error, "disk full");
            }

            tracing.ForceFlush();
        }

        var list = await dashboard.WaitAsync("/api/traces?dataset=trips", n => n.AsArray().Count > 0);
        var summary = Assert.Single(list.AsArray())!;
        Assert.Equal("upload trips", summary["name"]!.GetValue<string>());
        Assert.True(summary["hasError"]!.GetValue<bool>());
        Assert.Equal([Service], summary["resources"]!.AsArray().Select(r => r!.GetValue<string>()));

        var trace = await dashboard.GetAsync($"/api/traces/{summary["traceId"]}");
        var spans = trace["spans"]!.AsArray().Select(s => s!).ToList();
        Assert.Equal(["upload trips", "Transform trips"], spans.Select(s => s["name"]!.GetValue<string>()));
        var (root, child) = (spans[0], spans[1]);
        Assert.Null(root["parentSpanId"]);
        Assert.Equal(root["spanId"]!.GetValue<string>(), child["parentSpanId"]!.GetValue<string>());
        Assert.Equal(("Server", "Internal"), (root["kind"]!.GetValue<string>(), child["kind"]!.GetValue<string>()));
        Assert.Equal("202", Attribute(root, "http.response.status_code"));
        Assert.Equal(("run-000001", "2"), (Attribute(child, "pipeline.run_id"), Attribute(child, "pipeline.attempt")));
        Assert.Equal(("Error", "disk full"), (child["status"]!.GetValue<string>(), child["statusMessage"]!.GetValue<string>()));
        var retry = Assert.Single(child["events"]!.AsArray())!;
        Assert.Equal(("retrying", "io"), (retry["name"]!.GetValue<string>(), Attribute(retry, "reason")));
        var link = Assert.Single(child["links"]!.AsArray())!;
        Assert.Equal((linked.TraceId.ToHexString(), linked.SpanId.ToHexString()), (link["traceId"]!.GetValue<string>(), link["spanId"]!.GetValue<string>()));
        Assert.Matches("^[0-9a-f]{32}$", summary["traceId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Metrics_FromTheSdkExporter_AreReadBackPerInstrumentAndSeries()
    {
        using var meter = new Meter(sourceName);
        var files = meter.CreateCounter<long>("pipeline.files", unit: "{file}", description: "Files seen");
        var duration = meter.CreateHistogram<double>("pipeline.stage.duration", unit: "ms");
        using (var metrics = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(ResourceBuilder.CreateDefault().AddService(Service))
            .AddMeter(sourceName).AddOtlpExporter((o, _) => Exporter(o, "metrics")).Build())
        {
            files.Add(3, new KeyValuePair<string, object?>("dataset", "trips"));
            files.Add(4, new KeyValuePair<string, object?>("dataset", "trips"));
            files.Add(1, new KeyValuePair<string, object?>("dataset", "orders"));
            duration.Record(10);
            duration.Record(30);
            metrics.ForceFlush();
        }

        var all = await dashboard.WaitAsync($"/api/metrics?resource={Service}", n => n.AsArray().Count >= 2);
        var counter = all.AsArray().Single(m => m!["name"]!.GetValue<string>() == "pipeline.files")!;
        Assert.Equal(("sum", "{file}", "Files seen"), (counter["type"]!.GetValue<string>(), counter["unit"]!.GetValue<string>(), counter["description"]!.GetValue<string>()));
        var bySeries = counter["series"]!.AsArray().ToDictionary(
            s => Attribute(s!, "dataset")!, s => s!["points"]!.AsArray()[^1]!["value"]!.GetValue<double>());
        Assert.Equal(7, bySeries["trips"]);
        Assert.Equal(1, bySeries["orders"]);
        var histogram = all.AsArray().Single(m => m!["name"]!.GetValue<string>() == "pipeline.stage.duration")!;
        var point = histogram["series"]![0]!["points"]![0]!;
        Assert.Equal(("histogram", 2UL, 40d, 20d), (histogram["type"]!.GetValue<string>(), point["count"]!.GetValue<ulong>(),
            point["sum"]!.GetValue<double>(), point["value"]!.GetValue<double>()));
    }

    [Fact]
    public async Task Logs_FromTheSdkExporter_AreReadBackWithLevelMessageAndTraceId()
    {
        using var source = new ActivitySource(sourceName);
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == sourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        string traceId;
        using (var factory = LoggerFactory.Create(logging => logging.AddOpenTelemetry(o =>
        {
            o.SetResourceBuilder(ResourceBuilder.CreateDefault().AddService(Service));
            o.IncludeFormattedMessage = true;
            o.AddOtlpExporter(e => Exporter(e, "logs"));
        })))
        {
            var logger = factory.CreateLogger("Pipeline.Tests.Receiver");
            using (var activity = source.StartActivity("with a log"))
            {
                traceId = activity!.TraceId.ToHexString();
                LogFilesSeen(logger, "trips", 3);
            }

            LogStarted(logger);
        }

        var logs = await dashboard.WaitAsync($"/api/logs?resource={Service}", n => n.AsArray().Count >= 2);
        Assert.Equal(2, logs.AsArray().Count);
        var warning = Assert.Single((await dashboard.GetAsync($"/api/logs?level=warning&traceId={traceId}")).AsArray())!;
        Assert.Equal("Dataset trips got 3 files", warning["message"]!.GetValue<string>());
        Assert.Equal(("Warning", 13), (warning["severity"]!.GetValue<string>(), warning["severityNumber"]!.GetValue<int>()));
        Assert.Equal(("trips", "3"), (Attribute(warning, "DatasetId"), Attribute(warning, "Count")));
        Assert.Equal("Pipeline.Tests.Receiver", warning["scope"]!.GetValue<string>());
        var info = Assert.Single((await dashboard.GetAsync($"/api/logs?resource={Service}&q=started")).AsArray())!;
        Assert.Null(info["traceId"]);
    }

    static string? Attribute(JsonNode node, string key) =>
        node["attributes"]!.AsArray().FirstOrDefault(a => a!["key"]!.GetValue<string>() == key)?["value"]?.GetValue<string>();

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Dataset {DatasetId} got {Count} files")]
    private static partial void LogFilesSeen(ILogger logger, string datasetId, int count);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Receiver test started")]
    private static partial void LogStarted(ILogger logger);
}
