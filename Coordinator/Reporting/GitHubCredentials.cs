using Microsoft.Extensions.Options;
using PerfFleet.Coordinator.Webhooks;

namespace PerfFleet.Coordinator.Reporting;

/// <summary>The repository's own token, else the configured token, else a GitHub App installation token.</summary>
public sealed class GitHubCredentials(IRepositoryRegistry registry, IOptions<GitHubOptions> options, GitHubAppTokenSource appTokens) : IGitHubCredentials
{
    public async ValueTask<string?> GetTokenAsync(string repository, long? installationId, CancellationToken cancellationToken)
    {
        var registration = await registry.FindAsync(repository, cancellationToken);
        if (!string.IsNullOrEmpty(registration?.GitHubToken))
        {
            return registration.GitHubToken;
        }

        if (!string.IsNullOrEmpty(options.Value.Token))
        {
            return options.Value.Token;
        }

        return appTokens.IsConfigured
            ? await appTokens.GetTokenAsync(repository, installationId ?? registration?.InstallationId, cancellationToken)
            : null;
    }
}
