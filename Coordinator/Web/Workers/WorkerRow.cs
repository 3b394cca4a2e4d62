using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.Web.Workers;

/// <summary>A worker with the tests the database gives it now.</summary>
internal sealed record WorkerRow(WorkerEntity Worker, IReadOnlyList<WorkerTest> Tests, bool IsStale);
