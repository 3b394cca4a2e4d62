using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace PerfFleet.Common.Net;

/// <summary>
/// Free loopback TCP ports for servers this process is about to start (a coordinator's ports, an
/// embedded PostgreSQL, a stack's services). Binding port 0 asks the kernel for a free port, but
/// the kernel may hand the same port to the next bind as soon as the first listener is closed:
/// two callers in one process (two stacks on one worker, two servers in one test run) could then
/// both get it. So every port handed out is remembered for a while and never given again in that
/// time, and all listeners of one allocation stay open until every port is picked.
/// </summary>
public static class LoopbackPorts
{
    /// <summary>How long a handed-out port is not given again: time enough for its server to bind it.</summary>
    private static readonly TimeSpan Reserved = TimeSpan.FromMinutes(5);

    /// <summary>Binds to try per port before giving up; only a nearly exhausted port range gets there.</summary>
    private const int MaxAttemptsPerPort = 64;

    private static readonly ConcurrentDictionary<int, long> HandedOut = new();

    /// <summary>One free port.</summary>
    public static int Next() => Allocate(["port"])["port"];

    /// <summary>One distinct free port per name (names compare case-insensitively).</summary>
    /// <exception cref="InvalidOperationException">No free port could be found.</exception>
    public static IReadOnlyDictionary<string, int> Allocate(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var time = TimeProvider.System;
        ForgetExpired(time);
        var listeners = new List<TcpListener>();
        try
        {
            var ports = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            foreach (var name in names)
            {
                ports[name] = Pick(listeners, time);
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

    private static int Pick(List<TcpListener> listeners, TimeProvider time)
    {
        for (var attempt = 0; attempt < MaxAttemptsPerPort; attempt++)
        {
            // A rejected port's listener stays open too, so the kernel cannot offer it again in this allocation.
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            listeners.Add(listener);
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            if (HandedOut.TryAdd(port, time.GetTimestamp()))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"no free loopback port found in {MaxAttemptsPerPort} attempts");
    }

    private static void ForgetExpired(TimeProvider time)
    {
        foreach (var (port, handedAt) in HandedOut)
        {
            if (time.GetElapsedTime(handedAt) > Reserved)
            {
                HandedOut.TryRemove(port, out _);
            }
        }
    }
}
