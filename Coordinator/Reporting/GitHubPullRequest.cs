namespace PerfFleet.Coordinator.Reporting;

/// <summary>A pull request as PerfFleet needs it. <c>BaseSha</c>: the base branch's head, empty when GitHub did not say.</summary>
public sealed record GitHubPullRequest(int Number, string State, bool Draft, string HeadSha, string HeadRef, string BaseSha = "");
