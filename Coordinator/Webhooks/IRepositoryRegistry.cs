namespace PerfFleet.Coordinator.Webhooks;

/// <summary>
/// Looks up registered repositories by their GitHub full name (owner/name, case-insensitive as
/// on GitHub). The configuration-backed <see cref="ConfigurationRepositoryRegistry"/> is the
/// default; the storage layer may replace it with one that also knows admin-API registrations.
/// </summary>
public interface IRepositoryRegistry
{
    ValueTask<RepositoryRegistration?> FindAsync(string fullName, CancellationToken cancellationToken);
}
