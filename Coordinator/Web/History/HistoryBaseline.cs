namespace PerfFleet.Coordinator.Web.History;

/// <summary>A completed baseline in the page's list, with its pin.</summary>
internal sealed record HistoryBaseline(Guid TestId, string Commit, DateTimeOffset? FinishedAt, bool Pinned);
