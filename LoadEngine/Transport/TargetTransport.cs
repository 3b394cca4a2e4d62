using System.Net;
using System.Net.Security;
using PerfFleet.LoadEngine.Plans;
using PerfFleet.Contracts.Scenarios;

namespace PerfFleet.LoadEngine.Transport;

/// <summary>
/// Opens connections to one target: hand-rolled sockets for cleartext HTTP/1.1 (the fast path),
/// one <see cref="HttpClient"/> per connection otherwise, so that "connections" means exactly that
/// many TCP connections whatever the protocol.
/// </summary>
internal sealed class TargetTransport : IDisposable
{
    private readonly LoadPlan _plan;
    private readonly EndPoint? _endPoint;
    private readonly HttpClient[] _clients = [];

    private TargetTransport(LoadPlan plan, EndPoint? endPoint, HttpClient[] clients)
    {
        _plan = plan;
        _endPoint = endPoint;
        _clients = clients;
    }

    /// <summary>How many lanes (requests in flight at once) this target gets.</summary>
    public int Lanes => _endPoint is not null ? Math.Min(_plan.Connections, _plan.MaxInFlight) : _plan.Protocol == LoadProtocol.Http1 ? _clients.Length : _plan.MaxInFlight;

    public static async Task<TargetTransport> CreateAsync(LoadPlan plan, Uri target, CancellationToken cancellationToken)
    {
        if (plan.Protocol == LoadProtocol.Http1 && target.Scheme == Uri.UriSchemeHttp)
        {
            // Resolve once: a lookup per reconnect would put DNS on the hot path.
            var addresses = IPAddress.TryParse(target.IdnHost, out var literal)
                ? [literal]
                : await Dns.GetHostAddressesAsync(target.IdnHost, cancellationToken);
            var address = addresses.FirstOrDefault() ?? throw new LoadPlanException("targets", $"{target.Host} has no address");
            return new TargetTransport(plan, new IPEndPoint(address, target.Port), []);
        }

        var count = plan.Protocol == LoadProtocol.Http1 ? Math.Min(plan.Connections, plan.MaxInFlight) : plan.Connections;
        var clients = new HttpClient[count];
        for (var i = 0; i < count; i++)
        {
            var handler = new SocketsHttpHandler
            {
                MaxConnectionsPerServer = 1,
                EnableMultipleHttp2Connections = false,
                PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
                ConnectTimeout = plan.Timeout,
                AutomaticDecompression = DecompressionMethods.None,
                UseCookies = false,
                AllowAutoRedirect = false,

                // The system under test sees the scenario's headers only: no trace context on
                // each load request (and no per-request diagnostics cost) when the worker traces.
                ActivityHeadersPropagator = null,
            };
            if (plan.AllowUntrustedCertificates)
            {
                // Opt-in only, for systems under test on loopback with self-signed certificates.
#pragma warning disable CA5359
                handler.SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = static (_, _, _, _) => true };
#pragma warning restore CA5359
            }

            // Timeouts are the engine's (per request, counted as errors), not HttpClient's.
            clients[i] = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        }

        return new TargetTransport(plan, null, clients);
    }

    /// <summary>A fresh connection for lane <paramref name="lane"/> (after a timeout or a close, the lane asks again).</summary>
    public ITransportConnection Open(int lane) => _endPoint is not null
        ? new Http1Connection(_endPoint)
        : new HttpClientConnection(_clients[lane % _clients.Length], _plan.Protocol);

    public void Dispose()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
    }
}
