namespace Pipeline.Api.Security;

/// <summary>
/// Checks the caller's key against the role the endpoint needs: 401 without a valid key, 403 when the
/// key's role is too low. Endpoints without a role (health, OpenAPI) stay open. Keys are never logged.
/// </summary>
public sealed partial class ApiKeyMiddleware(RequestDelegate next, ApiKeyPolicy policy, ILogger<ApiKeyMiddleware> logger)
{
    /// <summary>The header that carries a key (or <c>Authorization: Bearer</c>).</summary>
    public const string Header = "X-Api-Key";

    /// <summary>Handles a request.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        var required = context.GetEndpoint()?.Metadata.GetMetadata<RequiredRole>();
        if (required is null || !policy.Required)
        {
            await next(context);
            return;
        }

        var presented = Presented(context.Request);
        if (presented is null)
        {
            await DenyAsync(context, StatusCodes.Status401Unauthorized, $"An API key is required: send it in the {Header} header or as Authorization: Bearer.");
            return;
        }

        if (policy.Find(presented) is not { } key)
        {
            await DenyAsync(context, StatusCodes.Status401Unauthorized, "The API key is not valid.");
            return;
        }

        if (key.Role < required.Role)
        {
            LogForbidden(logger, key.Name, key.Role, required.Role, context.Request.Path);
            await DenyAsync(context, StatusCodes.Status403Forbidden, $"The key '{key.Name}' has the {key.Role} role; this needs {required.Role}.");
            return;
        }

        await next(context);
    }

    static string? Presented(HttpRequest request)
    {
        if (request.Headers.TryGetValue(Header, out var value) && !string.IsNullOrWhiteSpace(value))
        {
            return value.ToString().Trim();
        }

        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : null;
    }

    static Task DenyAsync(HttpContext context, int status, string detail)
    {
        if (status == StatusCodes.Status401Unauthorized)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
        }

        return TypedResults.Problem(detail, statusCode: status).ExecuteAsync(context);
    }

    [LoggerMessage(EventId = 500, Level = LogLevel.Warning, Message = "Key {KeyName} ({Role}) refused for {Path}: needs {Required}")]
    static partial void LogForbidden(ILogger logger, string keyName, ApiRole role, ApiRole required, PathString path);
}
