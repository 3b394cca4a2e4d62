using Microsoft.EntityFrameworkCore;
using Npgsql;
using PerfFleet.Coordinator.Storage;
using PerfFleet.Testing.Postgres;

namespace PerfFleet.Coordinator.Tests.Storage;

public sealed class SharedDataSourceTests
{
    [Fact]
    public async Task EfAndRawSql_OneAfterTheOther_UseOnePooledConnection()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("shared");
        var application = "perffleet-shared-" + Guid.NewGuid().ToString("N")[..8];
        await using var database = PerfFleetDatabase.ForConnectionString(new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = application }.ConnectionString);
        try
        {
            await using (var context = new PerfFleetDbContextFactory(database).CreateDbContext())
            {
                Assert.Equal(1, await context.Database.SqlQueryRaw<int>("SELECT 1 AS \"Value\"").SingleAsync());
            }

            await using (var connection = await database.OpenConnectionAsync(CancellationToken.None))
            await using (var command = new NpgsqlCommand("SELECT 2", connection))
            {
                Assert.Equal(2, await command.ExecuteScalarAsync());
            }

            // EF's own pool beside a raw one would hold two server sessions here.
            Assert.Equal(1L, await SessionsAsync(connectionString, application));
        }
        finally
        {
            await database.DisposeAsync();
            await PostgresServer.DropDatabaseAsync(connectionString);
        }
    }

    [Fact]
    public async Task OpenConnectionAsync_BeforeTheDatabaseIsReady_WaitsForIt()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("shared_wait");
        await using var database = new PerfFleetDatabase();
        try
        {
            var opening = database.OpenConnectionAsync(CancellationToken.None);
            Assert.False(opening.IsCompleted);
            Assert.Throws<InvalidOperationException>(() => database.DataSource);

            database.MarkReady(connectionString);

            await using var connection = await opening.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(System.Data.ConnectionState.Open, connection.State);
        }
        finally
        {
            await database.DisposeAsync();
            await PostgresServer.DropDatabaseAsync(connectionString);
        }
    }

    private static async Task<long> SessionsAsync(string connectionString, string application)
    {
        await using var observer = new NpgsqlConnection(connectionString);
        await observer.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE application_name = @app", observer);
        command.Parameters.AddWithValue("app", application);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
