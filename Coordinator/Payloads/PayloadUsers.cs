using Microsoft.EntityFrameworkCore;
using PerfFleet.Contracts.Payloads;
using PerfFleet.Contracts.Scenarios;
using PerfFleet.Coordinator.Scheduling;
using PerfFleet.Coordinator.Storage;

namespace PerfFleet.Coordinator.Payloads;

/// <summary>
/// The queued or running tests that use a payload, as far as the coordinator can know: the test's
/// own <c>requests</c>, its inline spec, and any test a worker downloaded the payload for. A
/// scenario file at a commit is read by the worker alone, so a test that has not reached a worker
/// yet is not known to use the payload its file names: it fails with a clear reason if the payload
/// is gone by then.
/// </summary>
internal static class PayloadUsers
{
    public static async Task<IReadOnlyList<Guid>> ActiveAsync(PerfFleetDbContext db, string name, CancellationToken cancellationToken)
    {
        var ended = TestStateMachine.Terminal.ToList();
        var candidates = await db.LoadTests.AsNoTracking()
            .Where(t => !ended.Contains(t.Status)
                && ((t.Requests != null && EF.Functions.ILike(t.Requests, PayloadReference.Scheme + "%"))
                    || (t.InlineSpec != null && EF.Functions.ILike(t.InlineSpec, "%" + PayloadReference.Scheme + "%"))
                    || db.PayloadUses.Any(u => u.TestId == t.Id && u.PayloadName == name)))
            .OrderBy(t => t.CreatedAt)
            .Select(t => new { t.Id, t.Requests, t.InlineSpec, Downloaded = db.PayloadUses.Any(u => u.TestId == t.Id && u.PayloadName == name) })
            .ToListAsync(cancellationToken);
        return [.. candidates.Where(t => t.Downloaded || Names(t.Requests, name) || InlineSpecNames(t.InlineSpec, name)).Select(t => t.Id)];
    }

    private static bool Names(string? requests, string name)
    {
        if (!PayloadReference.IsPayload(requests))
        {
            return false;
        }

        try
        {
            return string.Equals(PayloadReference.Parse(requests!).Name, name, StringComparison.Ordinal);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static bool InlineSpecNames(string? inlineSpec, string name)
    {
        if (inlineSpec is null || !inlineSpec.Contains(PayloadReference.Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        try
        {
            return ScenarioParser.Parse(inlineSpec, "inline_spec").Scenarios.Values.Any(s => Names(s.Load?.Requests, name));
        }
        catch (ScenarioException)
        {
            // Stored specs were parsed when scheduled; one that no longer parses is counted as a
            // user when it mentions the name at all, so a removal errs on the side of refusing.
            return inlineSpec.Contains(PayloadReference.Scheme + name, StringComparison.Ordinal);
        }
    }
}
