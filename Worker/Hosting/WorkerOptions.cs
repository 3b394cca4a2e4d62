using System.ComponentModel.DataAnnotations;

namespace PerfFleet.Worker.Hosting;

/// <summary>
/// Configuration section <c>PerfFleet:Worker</c> (environment <c>PerfFleet__Worker__*</c>), validated at start.
/// </summary>
public sealed class WorkerOptions : IValidatableObject
{
    public const string Section = "PerfFleet:Worker";

    /// <summary>The worker's name in the fleet; default: the machine name and the gRPC port.</summary>
    [MaxLength(200)]
    public string? Id { get; set; }

    /// <summary>The address Kestrel binds (both ports).</summary>
    [Required]
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>The gRPC port (HTTP/2 only, prior knowledge); 0 = a free port.</summary>
    [Range(0, 65535)]
    public int GrpcPort { get; set; } = 5090;

    /// <summary>
    /// The port of <c>/metrics</c> and <c>/healthz</c> (HTTP/1.1), so curl, Prometheus and
    /// Kubernetes probes reach them: cleartext Kestrel cannot serve gRPC's HTTP/2 prior knowledge and
    /// HTTP/1.1 on one port. Default (null): the gRPC port + 1; 0 = a free port.
    /// </summary>
    [Range(0, 65535)]
    public int? MetricsPort { get; set; }

    /// <summary>The address the coordinators call back (Worker.Start); default http://127.0.0.1:{gRPC port}.</summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>The coordinators' gRPC addresses; heartbeats and results fail over through them in order.</summary>
    [Required]
    [MinLength(1, ErrorMessage = "PerfFleet:Worker:Coordinators needs at least one coordinator gRPC address")]
    public List<string> Coordinators { get; set; } = [];

    [Required]
    public CapacityOptions Capacity { get; set; } = new();

    /// <summary>Root of the git cache and the per-run directories; default: a directory under the temp directory.</summary>
    public string? WorkDirectory { get; set; }

    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one heartbeat or one result upload may take before the next coordinator is tried.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one result upload (the whole client stream) may take.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00")]
    public TimeSpan ReportTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How many times a result upload goes through the coordinator list before it is given up.</summary>
    [Range(1, 100)]
    public int ReportAttempts { get; set; } = 5;

    /// <summary>Deadline of one payload download from a coordinator (payload://); past it the next coordinator is tried. Default 5 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan PayloadDownloadTimeout { get; set; } = TimeSpan.FromMinutes(5);

    public int EffectiveMetricsPort => MetricsPort ?? (GrpcPort == 0 ? 0 : GrpcPort + 1);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!System.Net.IPAddress.TryParse(ListenAddress, out _))
        {
            yield return new ValidationResult($"\"{ListenAddress}\" is not an IP address", [nameof(ListenAddress)]);
        }

        for (var i = 0; i < Coordinators.Count; i++)
        {
            if (!IsHttpUrl(Coordinators[i]))
            {
                yield return new ValidationResult($"\"{Coordinators[i]}\" is not an http:// or https:// gRPC address", [$"{nameof(Coordinators)}:{i}"]);
            }
        }

        if (AdvertisedAddress is { Length: > 0 } advertised && !IsHttpUrl(advertised))
        {
            yield return new ValidationResult($"\"{advertised}\" is not an http:// or https:// address", [nameof(AdvertisedAddress)]);
        }

        if (GrpcPort != 0 && EffectiveMetricsPort == GrpcPort)
        {
            yield return new ValidationResult("must differ from GrpcPort", [nameof(MetricsPort)]);
        }

        if (Capacity.ConcurrentTests < 1 || Capacity.RequestRate <= 0 || Capacity.Cores is { } cores && cores <= 0)
        {
            yield return new ValidationResult("ConcurrentTests must be at least 1, RequestRate and Cores more than 0", [nameof(Capacity)]);
        }

        if (GrpcPort == 65535 && MetricsPort is null)
        {
            yield return new ValidationResult("GrpcPort 65535 leaves no default MetricsPort: set MetricsPort", [nameof(MetricsPort)]);
        }
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
