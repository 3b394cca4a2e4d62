namespace PerfFleet.Coordinator.Reporting;

/// <summary>A commit status. GitHub cuts <c>Description</c> at 140 characters; the renderer keeps it shorter.</summary>
public sealed record CommitStatus(CommitState State, string Context, string Description, string? TargetUrl);
