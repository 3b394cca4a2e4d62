using System.Collections.Concurrent;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Options;
using PerfFleet.Coordinator.Security;

namespace PerfFleet.Coordinator.Fleet;

/// <summary>
/// gRPC clients for calling workers (Start, Update, Stop), one channel per worker address,
/// reused across calls (HTTP/2 multiplexes them). Calls carry the fleet token.
/// </summary>
public sealed class WorkerClients(IOptionsMonitor<SecurityOptions> security) : IDisposable
{
    /// <summary>How long a call to a worker may take before the leader gives up on it.</summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, GrpcChannel> channels = new(StringComparer.Ordinal);

    public PerfFleet.Contracts.V1.Worker.WorkerClient For(string address) => new(Channel(address));

    /// <summary>The shared channel to a peer's gRPC address (workers, and the leader for forwarded calls).</summary>
    public GrpcChannel Channel(string address) => channels.GetOrAdd(address, static a => GrpcChannel.ForAddress(a));

    /// <summary>Call options with the fleet token and a deadline.</summary>
    public CallOptions Options(TimeProvider time, CancellationToken cancellationToken) =>
        new(Headers(), time.GetUtcNow().UtcDateTime + CallTimeout, cancellationToken);

    public Metadata Headers()
    {
        var headers = new Metadata();
        if (security.CurrentValue.FleetToken is { Length: > 0 } token)
        {
            headers.Add("authorization", "Bearer " + token);
        }

        return headers;
    }

    public void Dispose()
    {
        foreach (var channel in channels.Values)
        {
            channel.Dispose();
        }
    }
}
