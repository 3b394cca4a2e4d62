namespace PerfFleet.Coordinator.Storage.Entities;

/// <summary>A worker as its last heartbeat described it (Shadower's heartbeat-reported quota).</summary>
public sealed class WorkerEntity
{
    /// <summary>The worker's own stable id.</summary>
    public string Id { get; set; } = "";

    /// <summary>The worker's gRPC address (http://host:port).</summary>
    public string Address { get; set; } = "";

    public int CapacityConcurrentTests { get; set; }

    public double CapacityRequestRate { get; set; }

    public double CapacityCores { get; set; }

    public int UsedConcurrentTests { get; set; }

    public double UsedRequestRate { get; set; }

    public double UsedCores { get; set; }

    public Dictionary<string, string> Labels { get; set; } = [];

    public DateTimeOffset LastHeartbeatAt { get; set; }

    /// <summary>The highest leader epoch the worker has seen; it refuses assignments from lower ones.</summary>
    public long HighestEpochSeen { get; set; }

    public DateTimeOffset RegisteredAt { get; set; }

    /// <summary>The worker process of the last heartbeat (new at every start); null before workers sent it.</summary>
    public string? Incarnation { get; set; }

    /// <summary>When that process started, by the worker's clock.</summary>
    public DateTimeOffset? StartedAt { get; set; }

    /// <summary>Start calls in a row that could not reach the worker (0 once one does, or when it restarts or moves).</summary>
    public int UnreachableStrikes { get; set; }

    /// <summary>Until when the scheduler passes the worker over after such failures; null when it does not.</summary>
    public DateTimeOffset? UnreachableUntil { get; set; }

    /// <summary>What the last unreachable Start call answered.</summary>
    public string? UnreachableReason { get; set; }
}
