using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.Scheduling;

/// <summary>A test the liveness sweep took away from its worker, and where it went.</summary>
public sealed record SweptTest(Guid TestId, string? WorkerId, LoadTestStatus NewStatus, string Reason);
