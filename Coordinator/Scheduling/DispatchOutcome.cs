namespace PerfFleet.Coordinator.Scheduling;

/// <summary>What became of a Worker.Start call (Shadower's three cases, and the failures).</summary>
public enum DispatchOutcome
{
    /// <summary>The worker took the test (its quota was as seen, or changed but the test still fits).</summary>
    Accepted,

    /// <summary>RESOURCE_EXHAUSTED: the test no longer fits; it goes back to Scheduled without using an attempt.</summary>
    QuotaExhausted,

    /// <summary>FAILED_PRECONDITION: the worker has seen a newer epoch, so this leader is stale; a newer leader will act.</summary>
    EpochRejected,

    /// <summary>The worker could not be reached or failed the call; the attempt counts, as for a lost worker.</summary>
    Unreachable,
}
