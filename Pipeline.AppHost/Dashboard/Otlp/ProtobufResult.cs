using Google.Protobuf;
using Microsoft.AspNetCore.Http;

namespace Pipeline.AppHost.Dashboard.Otlp;

/// <summary>A protobuf message as the response body (<c>application/x-protobuf</c>).</summary>
internal sealed class ProtobufResult(IMessage message) : IResult
{
    /// <summary>The OTLP/HTTP binary media type.</summary>
    public const string ContentType = "application/x-protobuf";

    /// <inheritdoc />
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var bytes = message.ToByteArray();
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = ContentType;
        httpContext.Response.ContentLength = bytes.Length;
        await httpContext.Response.Body.WriteAsync(bytes, httpContext.RequestAborted).ConfigureAwait(false);
    }
}
