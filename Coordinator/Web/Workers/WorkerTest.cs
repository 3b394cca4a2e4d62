using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.Web.Workers;

/// <summary>A non-terminal test assigned to a worker.</summary>
internal sealed record WorkerTest(Guid Id, string? Repository, string Commit, LoadTestStatus Status, string? Phase);
