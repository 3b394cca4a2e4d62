namespace PerfFleet.Coordinator.Storage.Entities;

/// <summary>Why the coordinator scheduled a test after another one's comparison. Stored as snake-case text.</summary>
public enum TestFollowUp
{
    /// <summary>The first verdict was inconclusive: more pairs, pooled with the earlier ones.</summary>
    MorePairs,

    /// <summary>The first verdict was a regression: a fresh, independent run must find it too.</summary>
    Confirmation,
}
