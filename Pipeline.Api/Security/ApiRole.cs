namespace Pipeline.Api.Security;

/// <summary>What a key may do; each role includes the ones below it.</summary>
public enum ApiRole
{
    /// <summary>Read datasets, runs and tables; run queries.</summary>
    Reader = 1,

    /// <summary>Reader, plus upload files.</summary>
    Writer = 2,

    /// <summary>Everything: register datasets, trigger and retry runs.</summary>
    Admin = 3,
}

/// <summary>Endpoint metadata: the least role a caller needs.</summary>
public sealed record RequiredRole(ApiRole Role);

/// <summary>Declares the role an endpoint needs.</summary>
public static class RequiredRoleExtensions
{
    /// <summary>Callers need at least <paramref name="role"/> (when keys are in force).</summary>
    public static TBuilder RequireRole<TBuilder>(this TBuilder builder, ApiRole role)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new RequiredRole(role));
}
