namespace PerfFleet.Coordinator.Reporting;

/// <summary>GitHub commit status states (sent lower-case).</summary>
public enum CommitState
{
    Pending,
    Success,
    Failure,
    Error,
}
