namespace PerfFleet.Coordinator.Web.Runs;

/// <summary>What the live-update script compares with the page: a test's state and verdict now.</summary>
internal sealed record RunLiveStatus(Guid Id, string Status, string? Verdict);
