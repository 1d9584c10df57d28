using OpenTelemetry.Proto.Collector.Trace.V1;
using OpenTelemetry.Proto.Trace.V1;
using Pipeline.AppHost.Dashboard.Storage;
using static Pipeline.AppHost.Dashboard.Otlp.OtlpValues;

namespace Pipeline.AppHost.Dashboard.Otlp;

/// <summary>Reads the spans of an OTLP trace export.</summary>
internal static class OtlpSpans
{
    /// <summary>The valid spans of <paramref name="request"/> and how many were rejected (ids of the wrong length).</summary>
    public static (List<SpanData> Spans, int Rejected) Read(ExportTraceServiceRequest request)
    {
        var spans = new List<SpanData>();
        var rejected = 0;
        foreach (var resourceSpans in request.ResourceSpans)
        {
            var resource = ServiceName(resourceSpans.Resource);
            foreach (var scopeSpans in resourceSpans.ScopeSpans)
            {
                var scope = scopeSpans.Scope?.Name ?? "";
                foreach (var span in scopeSpans.Spans)
                {
                    if (span.TraceId.Length != 16 || span.SpanId.Length != 8)
                    {
                        rejected++;
                        continue;
                    }

                    spans.Add(Convert(span, resource, scope));
                }
            }
        }

        return (spans, rejected);
    }

    static SpanData Convert(Span span, string resource, string scope) => new(
        Hex(span.TraceId)!,
        Hex(span.SpanId)!,
        Hex(span.ParentSpanId),
        span.Name,
        Kind(span.Kind),
        resource,
        scope,
        Time(span.StartTimeUnixNano),
        Time(Math.Max(span.EndTimeUnixNano, span.StartTimeUnixNano)),
        Status(span.Status),
        span.Status?.Message is { Length: > 0 } message ? message : null,
        Attributes(span.Attributes),
        span.Events.Select(e => new SpanEventData(e.Name, Time(e.TimeUnixNano), Attributes(e.Attributes))).ToList(),
        span.Links.Select(l => new SpanLinkData(Hex(l.TraceId) ?? "", Hex(l.SpanId) ?? "", Attributes(l.Attributes))).ToList());

    static string Kind(Span.Types.SpanKind kind) => kind switch
    {
        Span.Types.SpanKind.Server => "Server",
        Span.Types.SpanKind.Client => "Client",
        Span.Types.SpanKind.Producer => "Producer",
        Span.Types.SpanKind.Consumer => "Consumer",
        _ => "Internal",
    };

    static string Status(Status? status) => status?.Code switch
    {
        OpenTelemetry.Proto.Trace.V1.Status.Types.StatusCode.Ok => SpanStatus.Ok,
        OpenTelemetry.Proto.Trace.V1.Status.Types.StatusCode.Error => SpanStatus.Error,
        _ => SpanStatus.Unset,
    };
}
