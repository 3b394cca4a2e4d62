namespace PerfFleet.Coordinator.Webhooks;

/// <summary>
/// A repository PerfFleet tests: where to fetch it, which scenarios a webhook runs (empty = one
/// test with an empty scenario name, which the worker reads as "the only scenario of the file"),
/// and its secrets. <c>InstallationId</c> is the GitHub App installation to report with, when the
/// coordinator authenticates as an App and the webhook payload did not name one.
/// </summary>
public sealed record RepositoryRegistration(
    string Name,
    string CloneUrl,
    string DefaultBranch,
    IReadOnlyList<string> Scenarios,
    string? WebhookSecret,
    string? GitHubToken,
    bool RunDrafts,
    long? InstallationId = null)
{
    /// <summary>Never print the secrets: records print every property by default.</summary>
    public override string ToString() => $"RepositoryRegistration {{ Name = {Name}, CloneUrl = {CloneUrl}, DefaultBranch = {DefaultBranch} }}";
}
