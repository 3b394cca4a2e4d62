namespace PerfFleet.Coordinator.Scheduling;

/// <summary>What became of a Worker.Start call (Shadower's three cases, and the failures).</summary>
public enum DispatchOutcome
{
    /// <summary>The worker took the test (its quota was as seen, or changed but the test still fits).</summary>
    Accepted,

    /// <summary>RESOURCE_EXHAUSTED: the test no longer fits; it goes back to Scheduled without using an attempt.</summary>
    QuotaExhausted,

    /// <summary>ABORTED: the worker has seen a newer epoch, so this leader is stale; a newer leader will act.</summary>
    EpochRejected,

    /// <summary>
    /// FAILED_PRECONDITION: the worker refused this attempt for its own state (it runs a newer
    /// attempt of the test). The test goes back to the queue and the attempt counts, so the next
    /// assignment carries a higher attempt, which the worker accepts in place of the one it has.
    /// </summary>
    Refused,

    /// <summary>The worker could not be reached or failed the call; the attempt counts, as for a lost worker.</summary>
    Unreachable,
}
