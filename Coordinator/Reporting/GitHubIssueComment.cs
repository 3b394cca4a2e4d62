namespace PerfFleet.Coordinator.Reporting;

public sealed record GitHubIssueComment(long Id, string Body, string? HtmlUrl);
