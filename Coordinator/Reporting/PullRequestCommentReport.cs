namespace PerfFleet.Coordinator.Reporting;

/// <summary>Outbox payload of <see cref="OutboxMessage.PullRequestCommentKind"/>: the rendered comment for one PR and scenario.</summary>
public sealed record PullRequestCommentReport(string Repository, int PullRequest, string Scenario, long? InstallationId, string Body);
