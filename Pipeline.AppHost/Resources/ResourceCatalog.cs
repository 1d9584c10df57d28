using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using Pipeline.AppHost.Supervision;

namespace Pipeline.AppHost.Resources;

/// <summary>Declares the resources of the system and wires their configuration to one another.</summary>
public static class ResourceCatalog
{
    /// <summary>The silo first (it owns the grains), then the Api that calls it.</summary>
    /// <param name="options">What the AppHost was asked to do.</param>
    /// <param name="telemetry">The <c>OTEL_*</c> variables for every service (<see cref="TelemetryEnvironment.For"/>).</param>
    public static IReadOnlyList<ResourceSpec> Create(AppHostOptions options, IReadOnlyDictionary<string, string> telemetry)
    {
        // --- silo: grains, state, stage runners ---
        var siloUrl = Loopback(options.SiloPort == 0 ? FreePort() : options.SiloPort);
        // Orleans' ports are chosen once, so a restarted silo is found where the Api's client looks for it.
        var gatewayPort = FreePort().ToString(CultureInfo.InvariantCulture);
        var silo = new ResourceSpec("silo", ProjectPath("Pipeline.Silo"), siloUrl, Environment(telemetry, "silo", siloUrl, new()
        {
            ["Pipeline__DataDir"] = options.DataDir,
            ["Orleans__Endpoints__SiloPort"] = FreePort().ToString(CultureInfo.InvariantCulture),
            ["Orleans__Endpoints__GatewayPort"] = gatewayPort,
        }));

        // --- api: the public REST API, an Orleans client of the silo's gateway ---
        var apiUrl = Loopback(options.ApiPort);
        var api = new ResourceSpec("api", ProjectPath("Pipeline.Api"), apiUrl, Environment(telemetry, "api", apiUrl, new()
        {
            ["Pipeline__DataDir"] = options.DataDir,
            ["Orleans__Endpoints__GatewayPort"] = gatewayPort,
        }));

        return [silo, api];
    }

    static Dictionary<string, string> Environment(
        IReadOnlyDictionary<string, string> telemetry, string name, Uri url, Dictionary<string, string> own)
    {
        var env = new Dictionary<string, string>(own)
        {
            ["ASPNETCORE_URLS"] = url.ToString().TrimEnd('/'),
            ["OTEL_SERVICE_NAME"] = name,
            [ParentPidKey] = System.Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__FormatterOptions__SingleLine"] = "true",
            ["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss ",
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",
            ["Logging__LogLevel__System.Net.Http.HttpClient"] = "Warning",
        };
        foreach (var (key, value) in telemetry)
        {
            env[key] = value;
        }

        return env;
    }

    const string ParentPidKey = "PIPELINE_PARENT_PID";

    static Uri Loopback(int port) => new($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    static string ProjectPath(string project)
    {
        var path = typeof(ResourceCatalog).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == project + ".Path")?.Value;
        if (path is null || !File.Exists(path))
        {
            throw new ResourceFailedException(
                $"{project} is not built at '{path}'; run 'dotnet build Pipeline.sln' or 'dotnet run --project Pipeline.AppHost'");
        }

        return Path.GetFullPath(path);
    }
}
