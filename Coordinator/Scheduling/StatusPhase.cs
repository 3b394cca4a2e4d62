namespace PerfFleet.Coordinator.Scheduling;

/// <summary>Where a load test's status stands in its life (<see cref="TestStateMachine.PhaseOf"/>).</summary>
public enum StatusPhase
{
    /// <summary>Waiting for a worker (Scheduled).</summary>
    Queued,

    /// <summary>A worker holds it and runs it (Assigned, Running, Collecting).</summary>
    OnWorker,

    /// <summary>A worker still holds it, but it is being stopped (Stopping).</summary>
    Ending,

    /// <summary>Nothing happens to it any more (Completed, Stopped, Failed).</summary>
    Done,
}
