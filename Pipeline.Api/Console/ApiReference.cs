using Scalar.AspNetCore;

namespace Pipeline.Api.Console;

/// <summary><c>/scalar</c>: an interactive reference of the OpenAPI document (<c>/openapi/v1.json</c>), with a place for the API key.</summary>
public static class ApiReference
{
    public static IEndpointRouteBuilder MapApiReference(this IEndpointRouteBuilder app)
    {
        app.MapScalarApiReference(options => options.WithTitle("Pipeline API"));
        return app;
    }
}
