namespace PerfFleet.Coordinator.Webhooks;

/// <summary>The current head of a pull request: an issue_comment payload does not carry it.</summary>
public sealed record PullRequestHead(int Number, string Sha, string Ref, bool Draft, string State, string BaseSha = "");

public interface IPullRequestHeadResolver
{
    /// <exception cref="Reporting.GitHubApiException">GitHub could not be asked or did not answer.</exception>
    Task<PullRequestHead> ResolveAsync(RepositoryRegistration repository, int number, long? installationId, CancellationToken cancellationToken);
}
