using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Pipeline.Core.Grains;

namespace Pipeline.Api.Grains;

/// <summary>
/// The one mapping from grain calls to HTTP: a grain's refusal becomes 400 (with the fields), 404 or 409 in the
/// grain's words; a cluster that cannot be reached (the silo restarting) becomes 503 with a Retry-After.
/// </summary>
public sealed class GrainErrorHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails problem;
        switch (exception)
        {
            case GrainException { Kind: GrainErrorKind.Invalid, Errors: { } errors } invalid:
                problem = new HttpValidationProblemDetails(errors) { Status = StatusCodes.Status400BadRequest, Detail = invalid.Message };
                break;
            case GrainException refused:
                var status = refused.Kind switch
                {
                    GrainErrorKind.NotFound => StatusCodes.Status404NotFound,
                    GrainErrorKind.Conflict => StatusCodes.Status409Conflict,
                    _ => StatusCodes.Status400BadRequest,
                };
                problem = new ProblemDetails { Status = status, Detail = refused.Message };
                break;
            case SiloUnavailableException or OrleansMessageRejectionException or Orleans.Runtime.Messaging.ConnectionFailedException or TimeoutException:
                httpContext.Response.Headers.RetryAfter = "2";
                problem = new ProblemDetails
                {
                    Status = StatusCodes.Status503ServiceUnavailable,
                    Title = "The silo is unavailable",
                    Detail = "The cluster did not answer; a silo may be restarting. Try again in a few seconds.",
                };
                break;
            default:
                return false;
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }
}
