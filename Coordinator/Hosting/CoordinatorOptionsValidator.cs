using System.Net;
using Microsoft.Extensions.Options;

namespace PerfFleet.Coordinator.Hosting;

/// <summary>Checks what DataAnnotations cannot: addresses that parse, distinct ports.</summary>
internal sealed class CoordinatorOptionsValidator : IValidateOptions<CoordinatorOptions>
{
    public ValidateOptionsResult Validate(string? name, CoordinatorOptions options)
    {
        var failures = new List<string>();
        if (!IPAddress.TryParse(options.ListenAddress, out _))
        {
            failures.Add($"PerfFleet:Coordinator:ListenAddress '{options.ListenAddress}' is not an IP address (e.g. 127.0.0.1 or 0.0.0.0)");
        }

        if (options.CertificatePath is null && options.WebPort != 0 && options.WebPort == options.GrpcPort)
        {
            failures.Add("PerfFleet:Coordinator:WebPort and GrpcPort must differ without TLS (the gRPC port speaks HTTP/2 only)");
        }

        foreach (var (key, value) in new[] { ("AdvertisedAddress", options.AdvertisedAddress), ("PublicUrl", options.PublicUrl) })
        {
            if (value is not null && (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
            {
                failures.Add($"PerfFleet:Coordinator:{key} '{value}' must be an http:// or https:// URL");
            }
        }

        if (options.CertificatePath is { } path && !File.Exists(path))
        {
            failures.Add($"PerfFleet:Coordinator:CertificatePath '{path}' does not exist");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
