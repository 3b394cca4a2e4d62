using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PerfFleet.Contracts.Tests.Grpc;

/// <summary>A real Kestrel server on free loopback ports: one cleartext HTTP/2 (prior knowledge) endpoint and one TLS endpoint (ALPN).</summary>
public sealed class GrpcTestServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private GrpcTestServer(WebApplication app, X509Certificate2 certificate)
    {
        this.app = app;
        Certificate = certificate;
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        CleartextAddress = addresses.Single(a => a.StartsWith("http://", StringComparison.Ordinal));
        TlsAddress = addresses.Single(a => a.StartsWith("https://", StringComparison.Ordinal)).Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
    }

    public string CleartextAddress { get; }

    public string TlsAddress { get; }

    public X509Certificate2 Certificate { get; }

    public CallObserver Observer => app.Services.GetRequiredService<CallObserver>();

    public static async Task<GrpcTestServer> StartAsync(Action<GrpcServiceOptions>? configure = null, Action<IGrpcServerBuilder>? grpc = null)
    {
        var certificate = CreateCertificate();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2);
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(certificate);
            });
        });
        builder.Services.AddSingleton<CallObserver>();
        var grpcBuilder = builder.Services.AddGrpc(options => configure?.Invoke(options));
        grpc?.Invoke(grpcBuilder);
        var app = builder.Build();
        app.MapGrpcService<EchoService>();
        await app.StartAsync();
        return new GrpcTestServer(app, certificate);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        Certificate.Dispose();
    }

    private static X509Certificate2 CreateCertificate()
    {
        // ECDSA: key generation is instant, unlike RSA, and every test starts its own server.
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));

        // Round-trip through PKCS#12 so the private key is usable by SslStream on Linux.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }
}
