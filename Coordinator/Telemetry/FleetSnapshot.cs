namespace PerfFleet.Coordinator.Telemetry;

/// <summary>The database-derived numbers behind the coordinator's gauges, read together.</summary>
public sealed record FleetSnapshot(
    IReadOnlyDictionary<string, long> TestsByStatus,
    long OutboxPending,
    long OutboxRetrying,
    IReadOnlyDictionary<string, DateTimeOffset> LastHeartbeats)
{
    public static FleetSnapshot Empty { get; } = new(new Dictionary<string, long>(), 0, 0, new Dictionary<string, DateTimeOffset>());
}
