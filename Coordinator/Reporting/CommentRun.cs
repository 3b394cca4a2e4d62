namespace PerfFleet.Coordinator.Reporting;

/// <summary>One run as a PR comment's history lists it: its commit, its verdict in words and its page.</summary>
public sealed record CommentRun(string Commit, string Verdict, string? Url);
