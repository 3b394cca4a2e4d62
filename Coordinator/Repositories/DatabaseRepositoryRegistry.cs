using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PerfFleet.Coordinator.Storage;
using PerfFleet.Coordinator.Storage.Entities;
using PerfFleet.Coordinator.Webhooks;

namespace PerfFleet.Coordinator.Repositories;

/// <summary>
/// Registered repositories: those registered through the admin API (the database) and those in
/// configuration (<c>PerfFleet:Repositories</c>). A database registration of the same name wins,
/// so an operator can change a repository without a redeploy.
/// </summary>
public sealed class DatabaseRepositoryRegistry(
    IDbContextFactory<PerfFleetDbContext> contexts,
    ConfigurationRepositoryRegistry configured,
    IOptionsMonitor<WebhookOptions> webhooks) : IRepositoryRegistry
{
    public async ValueTask<RepositoryRegistration?> FindAsync(string fullName, CancellationToken cancellationToken)
    {
        var found = await FindRegisteredAsync(fullName, cancellationToken);
        return found is { WebhookSecret: null or "" } && webhooks.CurrentValue.DefaultSecret is { Length: > 0 } secret
            ? found with { WebhookSecret = secret }
            : found;
    }

    private async ValueTask<RepositoryRegistration?> FindRegisteredAsync(string fullName, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var lower = fullName.ToLowerInvariant();
#pragma warning disable CA1862 // EF translates ToLower() to SQL lower(); the StringComparison overloads are not translatable
        var row = await context.Repositories.AsNoTracking().SingleOrDefaultAsync(r => r.Name.ToLower() == lower, cancellationToken);
#pragma warning restore CA1862
        return row is not null ? ToRegistration(row) : await configured.FindAsync(fullName, cancellationToken);
    }

    public static RepositoryRegistration ToRegistration(RepositoryEntity row) =>
        new(row.Name, row.CloneUrl, row.DefaultBranch, row.Scenarios, row.WebhookSecret, row.GitHubToken, row.RunDrafts);
}
