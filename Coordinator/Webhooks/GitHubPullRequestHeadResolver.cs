using PerfFleet.Coordinator.Reporting;

namespace PerfFleet.Coordinator.Webhooks;

/// <summary>Asks GitHub (<c>GET /repos/{owner}/{repo}/pulls/{n}</c>, through Octokit) for a pull request's current head.</summary>
public sealed class GitHubPullRequestHeadResolver(GitHubApi gitHub) : IPullRequestHeadResolver
{
    public async Task<PullRequestHead> ResolveAsync(RepositoryRegistration repository, int number, long? installationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var pullRequest = await gitHub.CallAsync(repository.Name, installationId ?? repository.InstallationId, $"get pull request #{number}",
            (client, repo) => client.PullRequest.Get(repo.Owner, repo.Name, number), cancellationToken);
        if (pullRequest.Head?.Sha is not { Length: > 0 } sha)
        {
            throw new GitHubApiException($"GitHub get pull request #{number} of {repository.Name} answered without head.sha");
        }

        var baseSha = pullRequest.Base?.Sha is { Length: 40 } b && b.All(char.IsAsciiHexDigit) ? b : string.Empty;
        return new PullRequestHead(pullRequest.Number, sha, pullRequest.Head.Ref ?? string.Empty, pullRequest.Draft, pullRequest.State.StringValue ?? string.Empty, baseSha);
    }
}
