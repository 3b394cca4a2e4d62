using System.Net;
using System.Net.Sockets;

namespace PerfFleet.Worker.Stacks;

/// <summary>
/// Finds free loopback ports by binding port 0. All listeners of one allocation stay open until
/// every port is picked, so one run never gets the same port twice.
/// </summary>
public static class PortAllocator
{
    public static IReadOnlyDictionary<string, int> Allocate(IEnumerable<string> names)
    {
        var listeners = new List<TcpListener>();
        try
        {
            var ports = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            foreach (var name in names)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                listeners.Add(listener);
                ports[name] = ((IPEndPoint)listener.LocalEndpoint).Port;
            }

            return ports;
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
            }
        }
    }
}
