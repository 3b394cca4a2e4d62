namespace PerfFleet.Coordinator.Web.History;

/// <summary>A step among a query's baseline medians, named by the first baseline after it.</summary>
internal sealed record HistoryStep(Guid TestId, string Commit, DateTimeOffset FinishedAt, double ChangePercent, double Before, double After);
