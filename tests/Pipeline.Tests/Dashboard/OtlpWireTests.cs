using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using OpenTelemetry.Proto.Collector.Trace.V1;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Trace.V1;
using Pipeline.AppHost.Dashboard;

namespace Pipeline.Tests.Dashboard;

/// <summary>The OTLP/HTTP details: gzip bodies, the response message, media types and the optional API key.</summary>
public sealed class OtlpWireTests
{
    static ExportTraceServiceRequest Request(params (byte[] TraceId, byte[] SpanId)[] ids)
    {
        var scope = new ScopeSpans { Scope = new InstrumentationScope { Name = "wire" } };
        foreach (var (trace, span) in ids)
        {
            scope.Spans.Add(new Span
            {
                TraceId = ByteString.CopyFrom(trace), SpanId = ByteString.CopyFrom(span), Name = "gzip span",
                StartTimeUnixNano = 1_700_000_000_000_000_000, EndTimeUnixNano = 1_700_000_000_500_000_000,
            });
        }

        var resource = new OpenTelemetry.Proto.Resource.V1.Resource();
        resource.Attributes.Add(new KeyValue { Key = "service.name", Value = new AnyValue { StringValue = "wire" } });
        return new ExportTraceServiceRequest { ResourceSpans = { new ResourceSpans { Resource = resource, ScopeSpans = { scope } } } };
    }

    static ByteArrayContent Protobuf(byte[] body, bool gzip = false)
    {
        if (gzip)
        {
            using var zipped = new MemoryStream();
            using (var zip = new GZipStream(zipped, CompressionLevel.Fastest))
            {
                zip.Write(body);
            }

            body = zipped.ToArray();
        }

        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        if (gzip)
        {
            content.Headers.ContentEncoding.Add("gzip");
        }

        return content;
    }

    [Fact]
    public async Task PostTraces_GzipBody_IsStoredAndAnsweredWithExportTraceServiceResponse()
    {
        await using var dashboard = await InProcessDashboard.StartAsync();
        var traceId = Enumerable.Range(1, 16).Select(i => (byte)i).ToArray();

        using var response = await dashboard.Http.PostAsync("/v1/traces",
            Protobuf(Request((traceId, [1, 2, 3, 4, 5, 6, 7, 8]), ([1], [1])).ToByteArray(), gzip: true));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-protobuf", response.Content.Headers.ContentType?.MediaType);
        var answer = ExportTraceServiceResponse.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, answer.PartialSuccess.RejectedSpans);
        var trace = await dashboard.GetAsync("/api/traces/" + Convert.ToHexStringLower(traceId));
        Assert.Equal("gzip span", trace["spans"]![0]!["name"]!.GetValue<string>());
        Assert.Equal(500, trace["summary"]!["durationMs"]!.GetValue<double>());
    }

    [Fact]
    public async Task PostTraces_JsonOrGarbage_IsRefusedWithoutStoringAnything()
    {
        await using var dashboard = await InProcessDashboard.StartAsync();

        using var json = await dashboard.Http.PostAsync("/v1/traces", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        using var garbage = await dashboard.Http.PostAsync("/v1/logs", Protobuf([0xff, 0xff, 0xff]));
        var notZipped = Protobuf([1, 2, 3]);
        notZipped.Headers.ContentEncoding.Add("gzip");
        using var badZip = await dashboard.Http.PostAsync("/v1/metrics", notZipped);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badZip.StatusCode);
        Assert.Empty((await dashboard.GetAsync("/api/traces")).AsArray());
    }

    [Fact]
    public async Task PostTraces_WithApiKeyConfigured_NeedsTheHeaderButNoLoginCookie()
    {
        await using var dashboard = await InProcessDashboard.StartAsync(new DashboardOptions { OtlpApiKey = "k-123" });
        var body = Request((Enumerable.Repeat((byte)7, 16).ToArray(), [1, 2, 3, 4, 5, 6, 7, 8])).ToByteArray();

        using var without = await dashboard.Http.PostAsync("/v1/traces", Protobuf(body));
        using var keyed = new HttpRequestMessage(HttpMethod.Post, "/v1/traces") { Content = Protobuf(body) };
        keyed.Headers.Add(DashboardOptions.OtlpApiKeyHeader, "k-123");
        using var with = await dashboard.Http.SendAsync(keyed);

        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Equal(HttpStatusCode.OK, with.StatusCode);
        Assert.Single(dashboard.Server.Telemetry.Spans.Query(new()));
    }
}
