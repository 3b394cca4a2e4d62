namespace PerfFleet.Coordinator.Reporting;

public sealed record GitHubPullRequest(int Number, string State, bool Draft, string HeadSha, string HeadRef);
