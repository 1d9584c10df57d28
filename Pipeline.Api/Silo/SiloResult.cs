using Microsoft.AspNetCore.Mvc;

namespace Pipeline.Api.Silo;

/// <summary>A grain call's answer: a value, or the silo's ProblemDetails with its status.</summary>
public sealed record SiloResult<T>(T? Value, ProblemDetails? Problem, int Status)
{
    /// <summary>True when the call succeeded.</summary>
    public bool Ok => Problem is null;

    /// <summary>The failure as an HTTP result, passed on unchanged (400/404/409 with the grain's words).</summary>
    public IResult ToProblem() => Problem is HttpValidationProblemDetails validation
        ? TypedResults.ValidationProblem(validation.Errors, validation.Detail, title: validation.Title)
        : TypedResults.Problem(Problem!.Detail, statusCode: Status, title: Problem.Title);
}
