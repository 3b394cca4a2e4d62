using System.Net;
using System.Net.Sockets;

namespace PerfFleet.Coordinator.Storage.Embedded;

/// <summary>Finds a free TCP port on 127.0.0.1 by letting the kernel choose one.</summary>
public static class LoopbackPort
{
    public static int FindFree()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
