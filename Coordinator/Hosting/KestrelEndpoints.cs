using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace PerfFleet.Coordinator.Hosting;

/// <summary>
/// The coordinator's listeners (DESIGN.md "Processes"): on cleartext, a web port (HTTP/1.1) and
/// a gRPC port speaking HTTP/2 only (prior knowledge, as gRPC clients expect); with TLS, one
/// port serves both and ALPN picks the protocol.
/// </summary>
public static class KestrelEndpoints
{
    public static void Configure(KestrelServerOptions kestrel, CoordinatorOptions options)
    {
        var address = IPAddress.Parse(options.ListenAddress);
        if (options.CertificatePath is { Length: > 0 } certificate)
        {
            kestrel.Listen(address, options.WebPort, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(certificate, options.CertificatePassword);
            });
            return;
        }

        kestrel.Listen(address, options.WebPort, listen => listen.Protocols = HttpProtocols.Http1AndHttp2);
        kestrel.Listen(address, options.GrpcPort, listen => listen.Protocols = HttpProtocols.Http2);
    }
}
