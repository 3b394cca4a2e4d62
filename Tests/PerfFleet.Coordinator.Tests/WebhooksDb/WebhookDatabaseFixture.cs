using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Tests.Api;
using PerfFleet.Testing.Coordinator;
using PerfFleet.Testing.Postgres;

namespace PerfFleet.Coordinator.Tests.WebhooksDb;

/// <summary>
/// A coordinator on its own database with the payloads' repository registered through the admin
/// API (webhook secret, scenarios api and checkout), as an operator would set it up.
/// </summary>
public sealed class WebhookDatabaseFixture : IAsyncLifetime
{
    public const string Secret = "webhook-secret-for-tests";
    public const string Repository = "Codertocat/Hello-World";

    private readonly PostgresDatabaseFixture database = new();
    private CoordinatorTestHost? host;

    public CoordinatorTestHost Host => host ?? throw new InvalidOperationException("The fixture is not initialized yet.");

    public PostgresDatabaseFixture Database => database;

    public async Task InitializeAsync()
    {
        await database.InitializeAsync();
        host = await CoordinatorTestHost.StartAsync(database.ConnectionString);
        await host.Repositories.RegisterAsync(
            new RepositoryRegistration { Name = Repository, WebhookSecret = Secret, Scenarios = { "api", "checkout" } },
            CoordinatorTestHost.Admin);
    }

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        await database.DisposeAsync();
    }
}
