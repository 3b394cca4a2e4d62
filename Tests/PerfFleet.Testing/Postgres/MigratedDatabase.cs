using Microsoft.EntityFrameworkCore;
using PerfFleet.Coordinator.Storage;

namespace PerfFleet.Testing.Postgres;

/// <summary>
/// A fresh database with the PerfFleet schema for one test (when tests of a class must not see
/// each other's rows), dropped on disposal: <c>await using var db = await MigratedDatabase.CreateAsync();</c>
/// </summary>
public sealed class MigratedDatabase : IAsyncDisposable
{
    private MigratedDatabase(string connectionString) => ConnectionString = connectionString;

    public string ConnectionString { get; }

    public PerfFleetDatabase Database => PerfFleetDatabase.ForConnectionString(ConnectionString);

    public static async Task<MigratedDatabase> CreateAsync(string prefix = "test")
    {
        var database = new MigratedDatabase(await PostgresServer.CreateDatabaseAsync(prefix));
        await using var context = database.CreateDbContext();
        await context.Database.MigrateAsync();
        return database;
    }

    public PerfFleetDbContext CreateDbContext() => new(PerfFleetDbContextFactory.CreateOptions(ConnectionString));

    public async ValueTask DisposeAsync() => await PostgresServer.DropDatabaseAsync(ConnectionString);
}
