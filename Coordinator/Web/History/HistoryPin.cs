namespace PerfFleet.Coordinator.Web.History;

/// <summary>The pinned baseline of the page's repository and scenario: the one runs are compared with.</summary>
internal sealed record HistoryPin(Guid TestId, string Commit, DateTimeOffset? FinishedAt);
