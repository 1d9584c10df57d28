using System.Net;
using System.Net.Sockets;

namespace Pipeline.Aws.Tests.Support;

/// <summary>Asks the OS for a free loopback port (bind to port 0).</summary>
public static class FreePort
{
    /// <summary>A port nobody listens on right now.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
