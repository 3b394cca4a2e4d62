using System.Collections.Concurrent;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Options;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Worker.Hosting;

/// <summary>
/// The configured coordinators, one shared channel each, and the one that answered last: calls go
/// there first and fail over through the rest of the list in order (DESIGN.md "Processes").
/// </summary>
public sealed class CoordinatorPool(IOptions<WorkerOptions> options, IOptions<FleetTokenOptions> security, TimeProvider time) : IDisposable
{
    private readonly ConcurrentDictionary<string, GrpcChannel> _channels = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private string? _preferred;

    /// <summary>The coordinator that answered last, or null before any did.</summary>
    public string? Preferred
    {
        get
        {
            lock (_lock)
            {
                return _preferred;
            }
        }
    }

    /// <summary>Addresses to try, in order: <paramref name="first"/>, the last one that answered, then the configured list.</summary>
    public IReadOnlyList<string> FailoverOrder(IEnumerable<string>? first = null)
    {
        var order = new List<string>();
        foreach (var address in (first ?? []).Concat(Preferred is { } p ? [p] : []).Concat(options.Value.Coordinators))
        {
            if (!order.Contains(address, StringComparer.Ordinal))
            {
                order.Add(address);
            }
        }

        return order;
    }

    public void Succeeded(string address)
    {
        lock (_lock)
        {
            _preferred = address;
        }
    }

    public Fleet.FleetClient Client(string address) =>
        new(_channels.GetOrAdd(address, static a => GrpcChannel.ForAddress(a)));

    /// <summary>The payload store of the coordinator at <paramref name="address"/>, on the same channel.</summary>
    public PerfFleet.Contracts.V1.Payloads.PayloadsClient PayloadsClient(string address) =>
        new(_channels.GetOrAdd(address, static a => GrpcChannel.ForAddress(a)));

    /// <summary>The fleet token and a deadline of <see cref="WorkerOptions.CallTimeout"/> (or <paramref name="timeout"/>).</summary>
    public CallOptions CallOptions(CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        var headers = new Metadata();
        if (security.Value.FleetToken is { Length: > 0 } token)
        {
            headers.Add("authorization", "Bearer " + token);
        }

        return new CallOptions(headers, time.GetUtcNow().UtcDateTime + (timeout ?? options.Value.CallTimeout), cancellationToken);
    }

    public void Dispose()
    {
        foreach (var channel in _channels.Values)
        {
            channel.Dispose();
        }
    }
}
