using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.Web.Workers;

/// <summary>The workers page: the fleet, and which coordinator leads it.</summary>
internal sealed record WorkersPageModel(IReadOnlyList<WorkerRow> Workers, LeadershipEntity? Leadership, DateTimeOffset Now);
