using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using OpenTelemetry.Proto.Collector.Trace.V1;
using Pipeline.AppHost.Dashboard.Storage;

namespace Pipeline.AppHost.Dashboard.Otlp;

/// <summary>The OTLP/HTTP receiver: <c>POST /v1/traces</c>, <c>/v1/metrics</c>, <c>/v1/logs</c> (binary protobuf).</summary>
public static partial class OtlpReceiver
{
    /// <summary>Maps the three export routes.</summary>
    public static IEndpointRouteBuilder MapOtlpReceiver(this IEndpointRouteBuilder app, DashboardOptions options)
    {
        var otlp = app.MapGroup("/v1").AddEndpointFilter(new OtlpApiKeyFilter(options.OtlpApiKey));
        otlp.MapPost("/traces", ExportTracesAsync).WithName("OtlpTraces");
        otlp.MapPost("/metrics", ExportMetricsAsync).WithName("OtlpMetrics");
        otlp.MapPost("/logs", ExportLogsAsync).WithName("OtlpLogs");
        return app;
    }

    static async Task<IResult> ExportTracesAsync(
        HttpRequest request, TelemetryStore store, ILogger<TelemetryStore> logger, CancellationToken cancellationToken)
    {
        var (message, error) = await OtlpRequestBody.ReadAsync(request, ExportTraceServiceRequest.Parser, cancellationToken);
        if (message is null)
        {
            LogRejected(logger, request.Path);
            return error!;
        }

        var (spans, rejected) = OtlpSpans.Read(message);
        store.Spans.Add(spans);
        var response = new ExportTraceServiceResponse();
        if (rejected > 0)
        {
            response.PartialSuccess = new ExportTracePartialSuccess
            {
                RejectedSpans = rejected,
                ErrorMessage = "spans need a 16-byte trace id and an 8-byte span id",
            };
        }

        return new ProtobufResult(response);
    }

    static async Task<IResult> ExportMetricsAsync(
        HttpRequest request, TelemetryStore store, ILogger<TelemetryStore> logger, CancellationToken cancellationToken)
    {
        var (message, error) = await OtlpRequestBody.ReadAsync(request, ExportMetricsServiceRequest.Parser, cancellationToken);
        if (message is null)
        {
            LogRejected(logger, request.Path);
            return error!;
        }

        OtlpMetrics.Store(message, store.Metrics);
        return new ProtobufResult(new ExportMetricsServiceResponse());
    }

    static async Task<IResult> ExportLogsAsync(
        HttpRequest request, TelemetryStore store, ILogger<TelemetryStore> logger, CancellationToken cancellationToken)
    {
        var (message, error) = await OtlpRequestBody.ReadAsync(request, ExportLogsServiceRequest.Parser, cancellationToken);
        if (message is null)
        {
            LogRejected(logger, request.Path);
            return error!;
        }

        store.Logs.Add(OtlpLogs.Read(message));
        return new ProtobufResult(new ExportLogsServiceResponse());
    }

    [LoggerMessage(EventId = 1, EventName = "OtlpRejected", Level = LogLevel.Warning,
        Message = "Rejected an OTLP request to {Path}: wrong content type, encoding, size or payload")]
    private static partial void LogRejected(ILogger logger, PathString path);
}
