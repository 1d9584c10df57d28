using static Pipeline.AppHost.Dashboard.Pages.Html;

namespace Pipeline.AppHost.Dashboard.Pages;

/// <summary>The login form: asks for the token the AppHost printed.</summary>
internal static class LoginPage
{
    /// <summary>Renders the form; <paramref name="failed"/> says the last token was wrong.</summary>
    public static string Render(bool failed, string? returnUrl) =>
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Log in · Pipeline dashboard</title>" +
        "<link rel=\"stylesheet\" href=\"/assets/dashboard.css\"></head><body class=\"login\"><main class=\"login-box\">" +
        "<h1>Pipeline dashboard</h1><p>Paste the token from the login URL the AppHost printed at start " +
        "(<code>apphost | dashboard ... login: .../login?t=&lt;token&gt;</code>).</p>" +
        (failed ? "<p class=\"error\">That token is not valid for this AppHost run.</p>" : "") +
        "<form method=\"post\" action=\"/login\"><input type=\"hidden\" name=\"returnUrl\" value=\"" + E(returnUrl) + "\">" +
        "<input type=\"password\" name=\"t\" placeholder=\"token\" autofocus size=\"40\"> <button>Log in</button></form>" +
        "</main></body></html>";
}
