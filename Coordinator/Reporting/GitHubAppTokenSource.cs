using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace PerfFleet.Coordinator.Reporting;

/// <summary>
/// Installation access tokens of the GitHub App, asked of Octokit's GitHub Apps client with the
/// App's JWT (<see cref="GitHubAppJwtFactory"/>: Octokit does not sign one) and cached until five
/// minutes before they expire (they live one hour), so a burst of reports costs one token request.
/// </summary>
public sealed class GitHubAppTokenSource(GitHubClientFactory clients, GitHubAppJwtFactory jwtFactory, IOptions<GitHubOptions> options, TimeProvider timeProvider)
{
    private static readonly TimeSpan RenewBeforeExpiry = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<long, InstallationToken> _tokens = new();
    private readonly ConcurrentDictionary<string, long> _installations = new(StringComparer.OrdinalIgnoreCase);

    public bool IsConfigured => jwtFactory.IsConfigured;

    /// <exception cref="GitHubApiException">GitHub did not issue the token (transient or not, as the answer says).</exception>
    public async Task<string> GetTokenAsync(string repository, long? installationId, CancellationToken cancellationToken)
    {
        var installation = installationId ?? options.Value.AppInstallationId ?? await FindInstallationAsync(repository, cancellationToken);
        if (_tokens.TryGetValue(installation, out var cached) && cached.ExpiresAt - RenewBeforeExpiry > timeProvider.GetUtcNow())
        {
            return cached.Token;
        }

        var answer = await AsAppAsync("App installation token", app => app.GitHubApps.CreateInstallationToken(installation), cancellationToken);
        var token = new InstallationToken(answer.Token, answer.ExpiresAt);
        _tokens[installation] = token;
        return token.Token;
    }

    private async Task<long> FindInstallationAsync(string repository, CancellationToken cancellationToken)
    {
        if (_installations.TryGetValue(repository, out var known))
        {
            return known;
        }

        var name = GitHubRepositoryName.Parse(repository);
        var answer = await AsAppAsync("App installation of " + repository, app => app.GitHubApps.GetRepositoryInstallationForCurrent(name.Owner, name.Name), cancellationToken);
        _installations[repository] = answer.Id;
        return answer.Id;
    }

    private async Task<T> AsAppAsync<T>(string operation, Func<Octokit.IGitHubClient, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call(clients.Create(jwtFactory.CreateToken())).WaitAsync(cancellationToken);
        }
        catch (Exception e) when (GitHubRetryAdvice.Describe(operation, e, timeProvider.GetUtcNow(), cancellationToken) is { } failure)
        {
            throw failure;
        }
    }

    private sealed record InstallationToken(string Token, DateTimeOffset ExpiresAt);
}
