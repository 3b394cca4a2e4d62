using System.Collections.Concurrent;
using Grpc.Core;
using Grpc.Net.Client;

namespace PerfFleet.SimulatedWorker;

/// <summary>
/// Channels to the coordinators a worker was given, shared by all simulated workers of the
/// process; any coordinator serves heartbeats and results, so a failed call moves on to the next.
/// </summary>
public sealed class CoordinatorConnections(SimulatedWorkerOptions options) : IDisposable
{
    private readonly ConcurrentDictionary<string, GrpcChannel> channels = new(StringComparer.Ordinal);

    public PerfFleet.Contracts.V1.Fleet.FleetClient Fleet(string address) =>
        new(channels.GetOrAdd(address, static a => GrpcChannel.ForAddress(a)));

    public CallOptions Call(TimeSpan timeout, CancellationToken cancellationToken) =>
        new(new Metadata { { "authorization", "Bearer " + options.FleetToken } }, DateTime.UtcNow + timeout, cancellationToken);

    /// <summary>True for failures where another coordinator may answer (it is down, or slow).</summary>
    public static bool TryAnother(RpcException ex) =>
        ex.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Internal or StatusCode.Unknown or StatusCode.Cancelled;

    public void Dispose()
    {
        foreach (var channel in channels.Values)
        {
            channel.Dispose();
        }
    }
}
