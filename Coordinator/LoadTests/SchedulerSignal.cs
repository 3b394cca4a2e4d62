namespace PerfFleet.Coordinator.LoadTests;

/// <summary>The LISTEN/NOTIFY channel that wakes the leader's scheduler when a test is scheduled.</summary>
public static class SchedulerSignal
{
    public const string Channel = "perffleet_scheduled";

    /// <summary>NOTIFY inside a transaction is delivered when it commits, never for a rolled-back one.</summary>
    public const string NotifySql = "NOTIFY " + Channel;
}
