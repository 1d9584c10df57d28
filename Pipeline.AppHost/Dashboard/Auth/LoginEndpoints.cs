using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Pipeline.AppHost.Dashboard.Pages;

namespace Pipeline.AppHost.Dashboard.Auth;

/// <summary>
/// <c>GET /login?t=&lt;token&gt;</c> (the URL the AppHost prints) and the login form's <c>POST /login</c>:
/// a valid token sets the login cookie and redirects to the dashboard.
/// </summary>
public static class LoginEndpoints
{
    /// <summary>Maps the login routes.</summary>
    public static IEndpointRouteBuilder MapLogin(this IEndpointRouteBuilder app)
    {
        app.MapGet("/login", (HttpContext context, DashboardAccess access, string? t, string? returnUrl) =>
            t is null && !access.Unsecured
                ? Page(failed: false, returnUrl)
                : LogIn(context, access, t, returnUrl)).WithName("Login");
        app.MapPost("/login", async (HttpContext context, DashboardAccess access) =>
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            return LogIn(context, access, form["t"].ToString().Trim(), form["returnUrl"].ToString());
        }).WithName("LoginForm");
        return app;
    }

    static IResult LogIn(HttpContext context, DashboardAccess access, string? token, string? returnUrl)
    {
        if (!access.IsValid(token))
        {
            return Page(failed: true, returnUrl, StatusCodes.Status401Unauthorized);
        }

        if (!access.Unsecured)
        {
            context.Response.Cookies.Append(DashboardAccess.CookieName, token!, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Path = "/",
                IsEssential = true,
            });
        }

        return Results.Redirect(IsLocal(returnUrl) ? returnUrl! : "/");
    }

    static IResult Page(bool failed, string? returnUrl, int status = StatusCodes.Status200OK) =>
        Results.Content(LoginPage.Render(failed, IsLocal(returnUrl) ? returnUrl : null), "text/html; charset=utf-8", statusCode: status);

    static bool IsLocal(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
