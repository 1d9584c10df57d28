using System.ComponentModel.DataAnnotations;

namespace Pipeline.ServiceDefaults.Telemetry;

/// <summary>
/// OpenTelemetry settings read from the standard <c>OTEL_*</c> variables; checked at start-up so a
/// malformed endpoint stops the service with a clear message instead of silently losing telemetry.
/// </summary>
public sealed class TelemetryOptions : IValidatableObject
{
    /// <summary><c>OTEL_EXPORTER_OTLP_ENDPOINT</c>: where OTLP is sent; unset means no export.</summary>
    public string? Endpoint { get; set; }

    /// <summary><c>OTEL_EXPORTER_OTLP_PROTOCOL</c>: <c>grpc</c> or <c>http/protobuf</c>.</summary>
    public string? Protocol { get; set; }

    /// <summary>True when telemetry leaves the process.</summary>
    public bool ExportEnabled => !string.IsNullOrWhiteSpace(Endpoint);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ExportEnabled && !(Uri.TryCreate(Endpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            yield return new ValidationResult(
                $"OTEL_EXPORTER_OTLP_ENDPOINT must be an absolute http(s) URL, got '{Endpoint}'.", [nameof(Endpoint)]);
        }

        if (Protocol is not (null or "" or "grpc" or "http/protobuf"))
        {
            yield return new ValidationResult(
                $"OTEL_EXPORTER_OTLP_PROTOCOL must be 'grpc' or 'http/protobuf', got '{Protocol}'.", [nameof(Protocol)]);
        }
    }
}
