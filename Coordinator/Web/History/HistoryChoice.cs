namespace PerfFleet.Coordinator.Web.History;

/// <summary>A link to a narrower history (a repository, a scenario, a query).</summary>
internal sealed record HistoryChoice(string Label, string Url);
