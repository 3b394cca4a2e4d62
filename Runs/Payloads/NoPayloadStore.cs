using PerfFleet.Contracts.Payloads;
using PerfFleet.Contracts.V1;
using PerfFleet.Runs.Pipeline;

namespace PerfFleet.Runs.Payloads;

/// <summary>Where no coordinator is (`perffleet run` on this machine): a payload:// source fails the run at once, saying so.</summary>
public sealed class NoPayloadStore : IPayloadFiles
{
    public Task<string> GetFileAsync(PayloadReference reference, RunRequest request, CancellationToken cancellationToken) =>
        throw new RunFailedException(
            RunPhase.ReadingScenario,
            $"requests: {reference} names a coordinator's payload store, and this run has none: schedule it on a cluster, or give requests a file path");
}
