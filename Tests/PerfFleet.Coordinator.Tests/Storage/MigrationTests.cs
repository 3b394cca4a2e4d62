using Microsoft.EntityFrameworkCore;
using Npgsql;
using PerfFleet.Coordinator.Storage;
using PerfFleet.Testing.Postgres;

namespace PerfFleet.Coordinator.Tests.Storage;

public sealed class MigrationTests
{
    [Fact]
    public async Task HasPendingModelChanges_HandWrittenSnapshot_MatchesModel()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("model");
        try
        {
            await using var context = new PerfFleetDbContext(PerfFleetDbContextFactory.CreateOptions(connectionString));

            // False only when the migrations' snapshot describes exactly the model the code builds.
            Assert.False(context.Database.HasPendingModelChanges());
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(connectionString);
        }
    }

    [Fact]
    public async Task MigrateAsync_EmptyDatabase_CreatesEveryTableAndTheLeadershipRow()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("migrate");
        try
        {
            await using (var context = new PerfFleetDbContext(PerfFleetDbContextFactory.CreateOptions(connectionString)))
            {
                await context.Database.MigrateAsync();
                Assert.Empty(await context.Database.GetPendingMigrationsAsync());
                var leadership = await context.Leadership.SingleAsync();
                Assert.Equal((1, 0L), (leadership.Id, leadership.Epoch));
            }

            string[] expected = ["comparisons", "leadership", "load_tests", "payload_blobs", "payload_uses", "payloads", "report_outbox", "repositories", "test_results", "test_state_events", "webhook_deliveries", "workers"];
            Assert.Equal(expected, await ReadTablesAsync(connectionString));
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(connectionString);
        }
    }

    [Fact]
    public async Task Leadership_SecondRow_IsRejectedByTheSingletonConstraint()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("singleton");
        try
        {
            await using var context = new PerfFleetDbContext(PerfFleetDbContextFactory.CreateOptions(connectionString));
            await context.Database.MigrateAsync();

            var error = await Assert.ThrowsAsync<PostgresException>(
                () => context.Database.ExecuteSqlRawAsync("INSERT INTO leadership (id, epoch) VALUES (2, 0)"));

            Assert.Equal(PostgresErrorCodes.CheckViolation, error.SqlState);
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(connectionString);
        }
    }

    private static async Task<string[]> ReadTablesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> '__EFMigrationsHistory' ORDER BY table_name", connection);
        var tables = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }

        return [.. tables];
    }
}
