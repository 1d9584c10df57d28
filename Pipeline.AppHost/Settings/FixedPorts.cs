using System.Net;
using System.Net.Sockets;

namespace Pipeline.AppHost.Settings;

/// <summary>
/// Orleans' silo and gateway ports, chosen once when the AppHost starts and not proxied: a restarted silo comes back
/// on the same ports, and the Api's client is given the gateway as a plain address (a port DCP allocates later
/// cannot be written into another service's environment).
/// </summary>
public static class FixedPorts
{
    public static IResourceBuilder<ProjectResource> WithFixedPort(this IResourceBuilder<ProjectResource> project, string endpoint)
    {
        var port = Free();
        return project.WithEndpoint(endpoint, e =>
        {
            e.Port = port;
            e.TargetPort = port;
            e.IsProxied = false;
            e.TargetHost = "127.0.0.1";
        });
    }

    /// <summary>Listen on 127.0.0.1 only; Aspire's default, localhost, also binds ::1.</summary>
    public static IResourceBuilder<ProjectResource> OnLoopback(this IResourceBuilder<ProjectResource> project, string endpoint) =>
        project.WithEndpoint(endpoint, e => e.TargetHost = "127.0.0.1");

    static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
