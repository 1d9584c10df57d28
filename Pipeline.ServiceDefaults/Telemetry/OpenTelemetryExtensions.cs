using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Pipeline.ServiceDefaults.Telemetry;

/// <summary>
/// Wires traces, metrics and logs. The OpenTelemetry hosting package is not available here, so the
/// SDK is built with <see cref="OpenTelemetrySdk.Create"/> and owned by the container.
/// </summary>
public static class OpenTelemetryExtensions
{
    /// <summary>Every source and meter of ours starts with this prefix and is listened to.</summary>
    public const string PipelinePrefix = "Pipeline.";

    static readonly string[] FrameworkSources = ["Microsoft.AspNetCore", "System.Net.Http"];

    static readonly string[] FrameworkMeters =
    [
        "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http", "System.Runtime",
    ];

    /// <summary>Adds OpenTelemetry with OTLP export when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.</summary>
    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        var options = ReadOptions(builder);
        builder.Services.AddOptions<TelemetryOptions>()
            .Configure(o => { o.Endpoint = options.Endpoint; o.Protocol = options.Protocol; })
            .ValidateDataAnnotations()
            .ValidateOnStart();

        var serviceName = builder.Configuration["OTEL_SERVICE_NAME"] ?? builder.Environment.ApplicationName;
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
            logging.SetResourceBuilder(CreateResource(serviceName));
            if (options.ExportEnabled && IsValid(options))
            {
                logging.AddOtlpExporter();
            }
        });

        builder.Services.AddSingleton(_ => OpenTelemetrySdk.Create(otel =>
        {
            otel.ConfigureResource(r => r.AddService(serviceName));
            otel.WithTracing(tracing => tracing.AddSource(FrameworkSources).AddSource(PipelinePrefix + "*"));
            otel.WithMetrics(metrics => metrics.AddMeter(FrameworkMeters).AddMeter(PipelinePrefix + "*"));
            if (options.ExportEnabled && IsValid(options))
            {
                otel.UseOtlpExporter();
            }
        }));
        builder.Services.AddHostedService<TelemetryStarter>();
        return builder;
    }

    static TelemetryOptions ReadOptions(IHostApplicationBuilder builder) => new()
    {
        Endpoint = builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"],
        Protocol = builder.Configuration["OTEL_EXPORTER_OTLP_PROTOCOL"],
    };

    static bool IsValid(TelemetryOptions options) =>
        !options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).Any();

    static ResourceBuilder CreateResource(string serviceName) =>
        ResourceBuilder.CreateDefault().AddService(serviceName);

    /// <summary>Resolves the SDK at start so listening begins before the first request.</summary>
    sealed class TelemetryStarter(OpenTelemetrySdk sdk, IOptions<TelemetryOptions> options) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            _ = sdk.TracerProvider;
            _ = options.Value;
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken)
        {
            sdk.TracerProvider.ForceFlush(2000);
            sdk.MeterProvider.ForceFlush(2000);
            return Task.CompletedTask;
        }
    }
}
