using System.ComponentModel.DataAnnotations;

namespace PerfFleet.Coordinator.Hosting;

/// <summary>Where a coordinator listens and how the others reach it (<c>PerfFleet:Coordinator</c>).</summary>
public sealed class CoordinatorOptions
{
    public const string Section = "PerfFleet:Coordinator";

    /// <summary>Interface to bind. Default <c>127.0.0.1</c> (a first run is not exposed); containers use <c>0.0.0.0</c>.</summary>
    [Required]
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>Web port: UI, webhooks, <c>/metrics</c>, <c>/healthz</c>, <c>/readyz</c>. Default 5080; 0 picks a free port.</summary>
    [Range(0, 65535)]
    public int WebPort { get; set; } = 5080;

    /// <summary>gRPC port (HTTP/2 prior knowledge on cleartext). Default 5081; 0 picks a free port. Ignored with TLS (one port serves both).</summary>
    [Range(0, 65535)]
    public int GrpcPort { get; set; } = 5081;

    /// <summary>The gRPC address other processes use to reach this coordinator; default <c>http://127.0.0.1:{GrpcPort}</c>.</summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>Base URL of the web UI for links in GitHub statuses and comments; default <c>http://127.0.0.1:{WebPort}</c>.</summary>
    public string? PublicUrl { get; set; }

    /// <summary>PEM or PFX certificate for TLS; when set, one HTTPS port (<see cref="WebPort"/>) serves the web UI and gRPC (ALPN).</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }
}
