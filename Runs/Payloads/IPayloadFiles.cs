using PerfFleet.Contracts.Payloads;
using PerfFleet.Runs.Pipeline;

namespace PerfFleet.Runs.Payloads;

/// <summary>
/// Turns <c>requests: payload://name</c> into a request file on this machine. The worker's
/// implementation downloads it from a coordinator's payload store into a cache by hash.
/// </summary>
public interface IPayloadFiles
{
    /// <summary>The local path of the payload's content, checked against its SHA-256; a <see cref="RunFailedException"/> says why not.</summary>
    Task<string> GetFileAsync(PayloadReference reference, RunRequest request, CancellationToken cancellationToken);
}
