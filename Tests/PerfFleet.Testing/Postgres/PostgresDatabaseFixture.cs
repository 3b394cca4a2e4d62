using Microsoft.EntityFrameworkCore;
using PerfFleet.Coordinator.Storage;
using Xunit;

namespace PerfFleet.Testing.Postgres;

/// <summary>
/// An xunit class fixture: a fresh database with the PerfFleet schema migrated, for one test
/// class, dropped when the class is done. Use as <c>IClassFixture&lt;PostgresDatabaseFixture&gt;</c>.
/// </summary>
public sealed class PostgresDatabaseFixture : IAsyncLifetime
{
    private string? connectionString;

    public string ConnectionString => connectionString ?? throw new InvalidOperationException("The fixture is not initialized yet.");

    public PerfFleetDatabase Database => PerfFleetDatabase.ForConnectionString(ConnectionString);

    public PerfFleetDbContext CreateDbContext() => new(PerfFleetDbContextFactory.CreateOptions(ConnectionString));

    public async Task InitializeAsync()
    {
        connectionString = await PostgresServer.CreateDatabaseAsync("fixture");
        await using var context = CreateDbContext();
        await context.Database.MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        if (connectionString is not null)
        {
            await PostgresServer.DropDatabaseAsync(connectionString);
        }
    }
}
