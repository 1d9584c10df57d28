using Microsoft.AspNetCore.Http.HttpResults;
using Pipeline.Core.Grains;

namespace Pipeline.Silo.Http;

/// <summary>Turns grain refusals into ProblemDetails with the status that fits.</summary>
public static class GrainResults
{
    /// <summary>Runs a grain call; a <see cref="GrainException"/> becomes 400/404/409 ProblemDetails.</summary>
    public static async Task<Results<Ok<T>, ProblemHttpResult, ValidationProblem>> Invoke<T>(Func<Task<T>> call)
    {
        try
        {
            return TypedResults.Ok(await call());
        }
        catch (GrainException ex) when (ex.Kind == GrainErrorKind.Invalid && ex.Errors is not null)
        {
            return TypedResults.ValidationProblem(ex.Errors, detail: ex.Message);
        }
        catch (GrainException ex)
        {
            var status = ex.Kind switch
            {
                GrainErrorKind.NotFound => StatusCodes.Status404NotFound,
                GrainErrorKind.Conflict => StatusCodes.Status409Conflict,
                _ => StatusCodes.Status400BadRequest,
            };
            return TypedResults.Problem(ex.Message, statusCode: status);
        }
    }
}
