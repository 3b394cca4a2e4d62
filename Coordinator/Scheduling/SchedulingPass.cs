namespace PerfFleet.Coordinator.Scheduling;

/// <summary>What one scheduler pass did: tests claimed, Worker.Start calls accepted, and whether it
/// stopped because the pass was full (more tests may fit at once) rather than because nothing fitted.</summary>
public sealed record SchedulingPass(int Claimed, int Dispatched, bool MoreWaiting);
