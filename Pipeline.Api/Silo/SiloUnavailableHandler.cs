using Microsoft.AspNetCore.Diagnostics;

namespace Pipeline.Api.Silo;

/// <summary>The silo cannot be reached (restarting, stopped): 503 with a Retry-After, not a bare 500.</summary>
public sealed class SiloUnavailableHandler(IProblemDetailsService problems) : IExceptionHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not HttpRequestException)
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = "2";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The silo is unavailable",
                Detail = "The silo did not answer; it may be restarting. Try again in a few seconds.",
            },
        });
    }
}
