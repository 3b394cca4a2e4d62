using PerfFleet.Contracts.Payloads;
using PerfFleet.Coordinator.Api;

namespace PerfFleet.Coordinator.Payloads;

/// <summary>
/// A test whose own <c>requests</c> names a stored payload is scheduled only when the payload is
/// there (and is the pinned content), so a typo is an answer now rather than a failed run later.
/// A removal between this check and the test's row is still caught by the worker, which fails the
/// run naming the payload.
/// </summary>
public sealed class ScheduledPayloads(PayloadStore store)
{
    public async Task RequireAsync(string requests, string field, CancellationToken cancellationToken)
    {
        if (!PayloadReference.IsPayload(requests))
        {
            return;
        }

        var reference = PayloadReference.Parse(requests); // the validator has checked the form
        var stored = await store.FindAsync(reference.Name, cancellationToken);
        if (stored is null)
        {
            ApiErrors.NotFound($"{field}: no payload named {reference.Name} (perffleet payloads upload)");
        }

        if (reference.Sha256 is { } pinned && pinned != stored.Sha256)
        {
            ApiErrors.FailedPrecondition($"{field}: payload {reference.Name} is sha256:{stored.Sha256} now, not the sha256:{pinned} asked for");
        }
    }
}
