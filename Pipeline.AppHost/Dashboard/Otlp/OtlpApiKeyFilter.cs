using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Pipeline.AppHost.Dashboard.Otlp;

/// <summary>When an API key is configured, OTLP requests must carry it in <c>x-otlp-api-key</c> (else 401).</summary>
internal sealed class OtlpApiKeyFilter(string? apiKey) : IEndpointFilter
{
    readonly byte[]? expected = apiKey is { Length: > 0 } ? Encoding.UTF8.GetBytes(apiKey) : null;

    /// <inheritdoc />
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (expected is null)
        {
            return next(context);
        }

        var given = Encoding.UTF8.GetBytes(context.HttpContext.Request.Headers[DashboardOptions.OtlpApiKeyHeader].ToString());
        return CryptographicOperations.FixedTimeEquals(given, expected)
            ? next(context)
            : ValueTask.FromResult<object?>(Results.Text($"Missing or wrong {DashboardOptions.OtlpApiKeyHeader}.",
                statusCode: StatusCodes.Status401Unauthorized));
    }
}
