namespace PerfFleet.Worker.Heartbeats;

/// <summary>
/// This worker process, as distinct from the worker id it shares with the processes before and
/// after it (a restart, a redeployed pod with a stable name). Every heartbeat carries it, so a
/// coordinator tells at the first heartbeat of a restarted worker that the tests the database
/// still gives that id died with the old process, instead of waiting for their timeouts.
/// </summary>
public sealed class WorkerIncarnation(TimeProvider time)
{
    public string Id { get; } = Guid.NewGuid().ToString("N");

    public DateTimeOffset StartedAt { get; } = time.GetUtcNow();
}
