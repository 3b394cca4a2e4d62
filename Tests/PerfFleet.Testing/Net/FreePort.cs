using System.Net;
using System.Net.Sockets;

namespace PerfFleet.Testing.Net;

/// <summary>Free loopback TCP ports for servers a test starts (tests run side by side).</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
