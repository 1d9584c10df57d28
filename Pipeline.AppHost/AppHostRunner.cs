using System.Diagnostics;
using Pipeline.AppHost.Dashboard;
using Pipeline.AppHost.Resources;
using Pipeline.AppHost.Supervision;

namespace Pipeline.AppHost;

/// <summary>
/// Starts the dashboard, then every resource in order, reports readiness, and stops them all on
/// shutdown or failure.
/// </summary>
public sealed class AppHostRunner(AppHostOptions options, ConsoleOutput output, TimeProvider time)
{
    /// <summary>Runs until <paramref name="shutdown"/> fires (exit code 0) or a resource fails (exit code 1).</summary>
    public async Task<int> RunAsync(CancellationToken shutdown)
    {
        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(options.DataDir);
        output.Info($"Pipeline starting; data folder {options.DataDir}");

        // --- dashboard: pages, JSON API and the OTLP receiver, before any service sends telemetry ---
        var registry = new ResourceRegistry();
        DashboardServer dashboard;
        try
        {
            dashboard = await DashboardServer.StartAsync(options.Dashboard, registry, output, time, shutdown).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            output.Info($"Giving up: the dashboard cannot listen on 127.0.0.1:{options.Dashboard.Port} ({ex.Message}); " +
                        "pass --dashboard-port 0 for a free port");
            return 1;
        }

        await using (dashboard.ConfigureAwait(false))
        {
            registry.Add(AppHostResource.Create(dashboard.Url));
            output.Info(dashboard.Access.Unsecured
                ? $"dashboard {dashboard.Url}  unsecured (no login)"
                : $"dashboard {dashboard.Url}  login: {dashboard.LoginUrl}");
            output.Info(options.OtlpEndpoint is { } own
                ? $"otlp      {own}  from OTEL_EXPORTER_OTLP_ENDPOINT: the services send telemetry there, not to the dashboard"
                : $"otlp      {dashboard.OtlpEndpoint}  the services send traces, metrics and logs to the dashboard (http/protobuf)");
            var telemetry = TelemetryEnvironment.For(options.OtlpEndpoint, dashboard.OtlpEndpoint, options.Dashboard.OtlpApiKey);
            return await RunResourcesAsync(registry, telemetry, clock, shutdown).ConfigureAwait(false);
        }
    }

    async Task<int> RunResourcesAsync(
        ResourceRegistry registry, IReadOnlyDictionary<string, string> telemetry, Stopwatch clock, CancellationToken shutdown)
    {
        using var http = new HttpClient();
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(shutdown);
        var resources = ResourceCatalog.Create(options, telemetry).Select(spec => new ResourceState(spec)).ToList();
        resources.ForEach(registry.Add);
        var running = new List<Task>();
        try
        {
            foreach (var resource in resources)
            {
                var supervisor = new Supervisor(resource, options, DotnetPath(), output, http, time);
                running.Add(supervisor.RunAsync(stopping.Token));
                await supervisor.FirstHealthy.WaitAsync(shutdown).ConfigureAwait(false);
                output.Info($"{resource.Spec.Name,-6} {resource.Spec.Url}  healthy (pid {resource.ProcessId})");
            }

            output.Info($"Ready in {clock.Elapsed.TotalSeconds:0.0} s: Api at {resources[^1].Spec.Url} . Press Ctrl+C to stop.");
            var first = await Task.WhenAny(running.Append(Task.Delay(Timeout.Infinite, shutdown))).ConfigureAwait(false);
            await first.ConfigureAwait(false);
            return 0;
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
            output.Info("Stopping");
            return 0;
        }
        catch (ResourceFailedException ex)
        {
            output.Info($"Giving up: {ex.Message}");
            return 1;
        }
        finally
        {
            await stopping.CancelAsync().ConfigureAwait(false);
            await StopAllAsync(running).ConfigureAwait(false);
            output.Info("All resources stopped");
        }
    }

    static async Task StopAllAsync(List<Task> running)
    {
        try
        {
            await Task.WhenAll(running).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ResourceFailedException or OperationCanceledException)
        {
            // Already reported; every supervisor has stopped its child by now.
        }
    }

    static string DotnetPath() =>
        System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
            ? host
            : "dotnet";
}
