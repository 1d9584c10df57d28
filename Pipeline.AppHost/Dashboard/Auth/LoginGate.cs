using Microsoft.AspNetCore.Http;

namespace Pipeline.AppHost.Dashboard.Auth;

/// <summary>
/// Lets a request through when the dashboard is unsecured, the browser holds the login cookie, or the
/// path needs no login (the OTLP receiver, the login page, static assets). Otherwise pages redirect
/// to <c>/login</c> and the JSON API answers 401.
/// </summary>
internal sealed class LoginGate(RequestDelegate next, DashboardAccess access)
{
    /// <summary>Runs the check.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (access.Unsecured || IsOpen(path) || access.IsValid(context.Request.Cookies[DashboardAccess.CookieName]))
        {
            return next(context);
        }

        if (path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return context.Response.WriteAsJsonAsync(new { title = "Log in first: open the login URL the AppHost printed." });
        }

        context.Response.Redirect("/login?returnUrl=" + Uri.EscapeDataString(path + context.Request.QueryString));
        return Task.CompletedTask;
    }

    // OTLP senders are the local services (loopback only); they carry no cookie.
    static bool IsOpen(PathString path) =>
        path.StartsWithSegments("/v1") || path.StartsWithSegments("/login") || path.StartsWithSegments("/assets");
}
