namespace PerfFleet.Coordinator.Storage.Entities;

/// <summary>
/// The life cycle of DESIGN.md "A load test's life". Stored as lower-case text so that the
/// scheduler's SQL reads naturally (<c>status = 'scheduled'</c>).
/// </summary>
public enum LoadTestStatus
{
    Scheduled,
    Assigned,
    Running,
    Collecting,
    Completed,
    Stopping,
    Stopped,
    Failed,
}
