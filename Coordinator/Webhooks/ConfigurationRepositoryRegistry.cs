using Microsoft.Extensions.Options;

namespace PerfFleet.Coordinator.Webhooks;

/// <summary>Repositories from <c>PerfFleet:Repositories</c>; follows configuration reloads.</summary>
public sealed class ConfigurationRepositoryRegistry(IOptionsMonitor<RepositoryRegistryOptions> options) : IRepositoryRegistry
{
    public ValueTask<RepositoryRegistration?> FindAsync(string fullName, CancellationToken cancellationToken)
    {
        var entry = options.CurrentValue.Repositories
            .FirstOrDefault(r => string.Equals(r.Name, fullName, StringComparison.OrdinalIgnoreCase));
        return ValueTask.FromResult(entry is null ? null : ToRegistration(entry));
    }

    private static RepositoryRegistration ToRegistration(RepositoryOptions entry) => new(
        entry.Name,
        string.IsNullOrWhiteSpace(entry.CloneUrl) ? $"https://github.com/{entry.Name}.git" : entry.CloneUrl,
        entry.DefaultBranch,
        entry.Scenarios.ToArray(),
        entry.WebhookSecret,
        entry.GitHubToken,
        entry.RunDrafts,
        entry.InstallationId);
}
