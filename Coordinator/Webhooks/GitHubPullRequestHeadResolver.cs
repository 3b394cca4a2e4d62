using PerfFleet.Coordinator.Reporting;

namespace PerfFleet.Coordinator.Webhooks;

/// <summary>Asks GitHub (<c>GET /repos/{owner}/{repo}/pulls/{n}</c>) for a pull request's current head.</summary>
public sealed class GitHubPullRequestHeadResolver(GitHubRestClient gitHub) : IPullRequestHeadResolver
{
    public async Task<PullRequestHead> ResolveAsync(RepositoryRegistration repository, int number, long? installationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var pullRequest = await gitHub.GetPullRequestAsync(repository.Name, number, installationId ?? repository.InstallationId, cancellationToken);
        return new PullRequestHead(pullRequest.Number, pullRequest.HeadSha, pullRequest.HeadRef, pullRequest.Draft, pullRequest.State, pullRequest.BaseSha);
    }
}
