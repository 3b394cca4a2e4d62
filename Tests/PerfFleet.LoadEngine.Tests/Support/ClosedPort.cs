using System.Net;
using System.Net.Sockets;

namespace PerfFleet.LoadEngine.Tests.Support;

internal static class ClosedPort
{
    /// <summary>A loopback port nothing listens on: bound for a moment, closed again, so connecting is refused.</summary>
    public static int Pick()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)listener.LocalEndPoint!).Port;
    }
}
