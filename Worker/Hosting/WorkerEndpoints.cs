using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace PerfFleet.Worker.Hosting;

/// <summary>
/// The worker's two listeners (gRPC: HTTP/2 only; metrics and health: HTTP/1.1) and,
/// once Kestrel has bound them, their real ports: with port 0 the id and the advertised address
/// can only be known after start-up.
/// </summary>
public sealed class WorkerEndpoints(IOptions<WorkerOptions> options)
{
    private ListenOptions? _grpc;
    private ListenOptions? _metrics;

    public void Configure(KestrelServerOptions kestrel)
    {
        var worker = options.Value;
        var address = IPAddress.Parse(worker.ListenAddress);
        kestrel.Listen(address, worker.GrpcPort, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            _grpc = listen;
        });
        kestrel.Listen(address, worker.EffectiveMetricsPort, listen =>
        {
            // Cleartext HTTP/2 needs prior knowledge, which curl, Prometheus and probes do not use.
            listen.Protocols = HttpProtocols.Http1;
            _metrics = listen;
        });
    }

    /// <summary>The bound gRPC port (the configured one until Kestrel has started).</summary>
    public int GrpcPort => _grpc?.IPEndPoint?.Port ?? options.Value.GrpcPort;

    public int MetricsPort => _metrics?.IPEndPoint?.Port ?? options.Value.EffectiveMetricsPort;

    public string WorkerId => options.Value.Id is { Length: > 0 } id
        ? id
        : $"{Environment.MachineName}-{GrpcPort.ToString(CultureInfo.InvariantCulture)}".ToLowerInvariant();

    public string AdvertisedAddress => options.Value.AdvertisedAddress is { Length: > 0 } address
        ? address
        : $"http://127.0.0.1:{GrpcPort.ToString(CultureInfo.InvariantCulture)}";
}
