using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.Scheduling;

/// <summary>A test the leader has written as Assigned to a worker, under <see cref="Epoch"/>.</summary>
public sealed record ClaimedAssignment(LoadTestEntity Test, WorkerEntity Worker, long Epoch);
