using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Pipeline.ServiceDefaults.Telemetry;

/// <summary>
/// Names and tags the framework's server span (the ASP.NET Core instrumentation package is not
/// available here): "METHOD route", with the HTTP semantic-convention attributes and an error
/// status for 5xx answers.
/// </summary>
public sealed class ServerSpanMiddleware(RequestDelegate next)
{
    /// <summary>Handles a request.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        var activity = Activity.Current;
        try
        {
            await next(context);
        }
        finally
        {
            if (activity is not null)
            {
                var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
                var method = context.Request.Method;
                activity.DisplayName = route is null ? method : $"{method} {route}";
                activity.SetTag("http.request.method", method)
                    .SetTag("url.path", context.Request.Path.Value)
                    .SetTag("http.response.status_code", context.Response.StatusCode);
                if (route is not null)
                {
                    activity.SetTag("http.route", route);
                }

                if (context.Response.StatusCode >= 500)
                {
                    activity.SetStatus(ActivityStatusCode.Error);
                }
            }
        }
    }
}
