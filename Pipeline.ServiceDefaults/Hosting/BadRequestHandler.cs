using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Pipeline.ServiceDefaults.Hosting;

/// <summary>
/// A request the framework could not bind (malformed JSON, wrong types, unknown fields): 400 ProblemDetails saying
/// what was wrong and where, instead of an empty 400. Unknown fields are all listed, each keyed by its path with
/// the closest known name.
/// </summary>
public sealed class BadRequestHandler(IProblemDetailsService problems) : IExceptionHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        httpContext.Response.StatusCode = bad.StatusCode;
        if (bad.InnerException is JsonException && await UnknownAsync(httpContext, cancellationToken) is { Count: > 0 } unknown)
        {
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                ProblemDetails = new HttpValidationProblemDetails(unknown)
                {
                    Status = bad.StatusCode,
                    Title = "The request has fields that are not known",
                    Detail = $"Unknown fields: {string.Join(", ", unknown.Keys)}. Nothing was changed.",
                },
            });
        }

        var detail = bad.InnerException is JsonException json
            ? $"{bad.Message} {json.Message}"
            : bad.Message;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = { Status = bad.StatusCode, Title = "The request could not be read", Detail = detail },
        });
    }

    // The body again (JsonBodies kept it), walked against the endpoint's body type.
    static async Task<Dictionary<string, string[]>?> UnknownAsync(HttpContext httpContext, CancellationToken cancellationToken)
    {
        if (httpContext.Items[JsonBodies.BodyType] is not Type type || !httpContext.Request.Body.CanSeek)
        {
            return null;
        }

        try
        {
            httpContext.Request.Body.Position = 0;
            var body = await JsonNode.ParseAsync(httpContext.Request.Body, cancellationToken: cancellationToken);
            var options = httpContext.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
            return UnknownFields.Find(body, type, options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
