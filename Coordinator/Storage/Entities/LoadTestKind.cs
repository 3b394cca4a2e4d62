namespace PerfFleet.Coordinator.Storage.Entities;

/// <summary>Why a load test exists (DESIGN.md "Comparing a run with the baseline"). Stored as lower-case text.</summary>
public enum LoadTestKind
{
    /// <summary>A push to the default branch: becomes the master set.</summary>
    Baseline,

    /// <summary>A pull request or CLI run: compared with the master set.</summary>
    Test,

    /// <summary>An inline spec, compared with nothing unless asked.</summary>
    Adhoc,
}
