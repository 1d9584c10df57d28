using System.Net;
using Pipeline.AppHost.Dashboard;
using Pipeline.AppHost.Resources;

namespace Pipeline.Tests.Dashboard;

/// <summary>The login token: asked for by pages and the API, set as a cookie by the printed login URL.</summary>
public sealed class DashboardLoginTests
{
    [Fact]
    public async Task Secured_WithoutCookie_PagesRedirectToLoginAndApiAnswers401()
    {
        await using var dashboard = await InProcessDashboard.StartAsync(new DashboardOptions());
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = dashboard.Server.Url };

        using var page = await http.GetAsync("/traces?dataset=trips");
        using var api = await http.GetAsync("/api/resources");
        using var wrong = await http.GetAsync("/login?t=not-the-token");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/login?returnUrl=%2Ftraces%3Fdataset%3Dtrips", page.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("not valid", await wrong.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task LoginUrl_SetsCookie_ThenPagesAndApiOpen()
    {
        await using var dashboard = await InProcessDashboard.StartAsync(new DashboardOptions());
        dashboard.Resources.Add(AppHostResource.Create(dashboard.Server.Url));
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = dashboard.Server.Url };

        using var login = await http.GetAsync(dashboard.Server.LoginUrl);
        var resources = await http.GetStringAsync("/api/resources");

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal(dashboard.Server.Url, login.RequestMessage!.RequestUri);
        Assert.Contains("Resources", await login.Content.ReadAsStringAsync());
        Assert.Contains("\"name\":\"apphost\"", resources);
        Assert.Equal(dashboard.Server.Access.Token, cookies.GetCookies(dashboard.Server.Url)["pipeline-dashboard"]?.Value);
    }

    [Fact]
    public async Task LoginForm_PostedToken_LogsIn()
    {
        await using var dashboard = await InProcessDashboard.StartAsync(new DashboardOptions());
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = dashboard.Server.Url };

        using var form = await http.PostAsync("/login", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["t"] = dashboard.Server.Access.Token!, ["returnUrl"] = "/metrics" }));

        Assert.Equal(new Uri(dashboard.Server.Url, "/metrics"), form.RequestMessage!.RequestUri);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/metrics")).StatusCode);
    }
}
