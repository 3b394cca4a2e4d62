namespace PerfFleet.Coordinator.Reporting;

/// <summary>The token to call GitHub with for a repository, or null to call anonymously.</summary>
public interface IGitHubCredentials
{
    ValueTask<string?> GetTokenAsync(string repository, long? installationId, CancellationToken cancellationToken);
}
