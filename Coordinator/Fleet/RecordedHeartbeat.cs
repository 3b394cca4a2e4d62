namespace PerfFleet.Coordinator.Fleet;

/// <summary>
/// A heartbeat once written: the leadership to tell the worker, how many tests the database
/// gives the worker (Assigned to Stopping), and the row as the heartbeat before it left it.
/// </summary>
public sealed record RecordedHeartbeat(long Epoch, string LeaderAddress, long HeldTests, PreviousHeartbeat? Previous);

/// <summary>The worker's process (null when it did not say) and time of its previous heartbeat.</summary>
public sealed record PreviousHeartbeat(string? Incarnation, DateTimeOffset At)
{
    /// <summary>True when <paramref name="incarnation"/> is another process than the one of this heartbeat: the worker restarted.</summary>
    public bool IsOtherProcess(string incarnation) =>
        Incarnation is { Length: > 0 } previous && incarnation.Length > 0 && !string.Equals(previous, incarnation, StringComparison.Ordinal);
}
