using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Pipeline.ServiceDefaults.Telemetry;

/// <summary>Traces, metrics and logs as Aspire's service defaults wire them, plus every source and meter of ours.</summary>
public static class OpenTelemetryExtensions
{
    /// <summary>Every source and meter of ours starts with this prefix and is listened to.</summary>
    public const string PipelinePrefix = "Pipeline.";

    // Grain calls (client and server spans) join a run's trace; Orleans' runtime, storage and lifecycle spans would drown it.
    const string OrleansGrainCalls = "Microsoft.Orleans.Application";
    const string OrleansMeter = "Microsoft.Orleans";

    // Probes every few seconds would drown the traces a user looks for.
    static readonly PathString[] UntracedPaths = ["/health", "/alive"];

    /// <summary>Adds OpenTelemetry, exporting over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.</summary>
    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        var options = new TelemetryOptions
        {
            Endpoint = builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"],
            Protocol = builder.Configuration["OTEL_EXPORTER_OTLP_PROTOCOL"],
        };
        builder.Services.AddOptions<TelemetryOptions>()
            .Configure(o => { o.Endpoint = options.Endpoint; o.Protocol = options.Protocol; })
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        var serviceName = builder.Configuration["OTEL_SERVICE_NAME"] ?? builder.Environment.ApplicationName;
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(PipelinePrefix + "*")
                .AddMeter(OrleansMeter))
            .WithTracing(tracing => tracing
                .AddSource(PipelinePrefix + "*")
                .AddSource(OrleansGrainCalls)
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !UntracedPaths.Any(p => context.Request.Path.StartsWithSegments(p)))
                .AddHttpClientInstrumentation());

        // A malformed endpoint is reported by the options check at start-up instead of failing inside the exporter.
        if (options.ExportEnabled && !options.Validate(new(options)).Any())
        {
            telemetry.UseOtlpExporter();
        }

        return builder;
    }
}
