using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace Pipeline.ServiceDefaults.Hosting;

/// <summary>
/// Keeps the JSON body of an endpoint that binds one readable after binding, so that a body refused for an unknown
/// field can be read again to list every unknown field, not only the first. Uploads bind no body type and are
/// streamed as before.
/// </summary>
public sealed class JsonBodies(RequestDelegate next)
{
    /// <summary>The <see cref="HttpContext.Items"/> key of the type the endpoint binds its body to.</summary>
    public static readonly object BodyType = new();

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.HasJsonContentType() && context.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType is { } type)
        {
            context.Request.EnableBuffering();
            // The exception handler clears the endpoint before it runs: the body's type is kept for it here.
            context.Items[BodyType] = type;
        }

        return next(context);
    }
}
