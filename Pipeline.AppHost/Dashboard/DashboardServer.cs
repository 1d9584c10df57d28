using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pipeline.AppHost.Dashboard.Api;
using Pipeline.AppHost.Dashboard.Auth;
using Pipeline.AppHost.Dashboard.Otlp;
using Pipeline.AppHost.Dashboard.Pages;
using Pipeline.AppHost.Dashboard.Runs;
using Pipeline.AppHost.Dashboard.Storage;
using Pipeline.AppHost.Resources;
using Pipeline.AppHost.Supervision;

namespace Pipeline.AppHost.Dashboard;

/// <summary>
/// The development dashboard: Kestrel inside the AppHost on 127.0.0.1, serving the pages, the JSON
/// API and the OTLP/HTTP receiver on one port.
/// </summary>
public sealed class DashboardServer : IAsyncDisposable
{
    readonly WebApplication app;

    DashboardServer(WebApplication app, Uri url)
    {
        this.app = app;
        Url = url;
    }

    /// <summary>The base URL, <c>http://127.0.0.1:port/</c>.</summary>
    public Uri Url { get; }

    /// <summary>Where services send OTLP: the base URL without the trailing slash (the exporter appends <c>/v1/traces</c>...).</summary>
    public string OtlpEndpoint => Url.ToString().TrimEnd('/');

    /// <summary>The login token (none when unsecured).</summary>
    public DashboardAccess Access => app.Services.GetRequiredService<DashboardAccess>();

    /// <summary>The URL that logs a browser in, or the base URL when unsecured.</summary>
    public Uri LoginUrl => Access.Token is { } token ? new Uri(Url, "/login?t=" + token) : Url;

    /// <summary>The telemetry received so far.</summary>
    public TelemetryStore Telemetry => app.Services.GetRequiredService<TelemetryStore>();

    /// <summary>Starts listening; the port is <see cref="DashboardOptions.Port"/> or, for 0, a free one.</summary>
    public static async Task<DashboardServer> StartAsync(
        DashboardOptions options, ResourceRegistry resources, ConsoleOutput output, TimeProvider time,
        CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(DashboardServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = OtlpRequestBody.MaxBytes;
            kestrel.Listen(IPAddress.Loopback, options.Port);
        });
        builder.Logging.AddProvider(new DashboardLoggerProvider(output));
        builder.Services.AddRouting();
        builder.Services.AddSingleton(options).AddSingleton(resources).AddSingleton(output.History).AddSingleton(time)
            .AddSingleton(DashboardAccess.Create(options.Unsecured))
            .AddSingleton<TelemetryStore>()
            .AddSingleton(_ => new HttpClient())
            .AddSingleton<RunSource>();

        var app = builder.Build();
        app.UseMiddleware<LoginGate>();
        app.MapOtlpReceiver(options);
        app.MapLogin();
        app.MapDashboardApi();
        app.MapDashboardPages();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new DashboardServer(app, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }
}
