namespace PerfFleet.Coordinator.Reporting;

/// <summary>
/// One run as a PR comment's history lists it: its commit, its verdict in words and its page.
/// <paramref name="Interim"/>: a follow-up run (more pairs, a confirmation) settles this run's
/// verdict, so it is a step of that verdict, not an earlier run of its own.
/// </summary>
public sealed record CommentRun(string Commit, string Verdict, string? Url, bool Interim = false);
