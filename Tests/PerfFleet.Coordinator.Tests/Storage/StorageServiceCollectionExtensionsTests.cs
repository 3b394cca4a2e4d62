using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PerfFleet.Coordinator.Storage;
using PerfFleet.EmbeddedPostgres;
using PerfFleet.Testing.Postgres;

namespace PerfFleet.Coordinator.Tests.Storage;

public sealed class StorageServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddPerfFleetStorage_NoConnectionString_StartsEmbeddedServerMigratesAndStopsItWithTheHost()
    {
        using var dataDirectory = new TempDirectory("coordinator-data");
        using var host = BuildHost(new() { ["PerfFleet:Database:DataDirectory"] = dataDirectory.Path });

        await host.StartAsync();
        var database = host.Services.GetRequiredService<PerfFleetDatabase>();
        Assert.True(database.IsReady);
        await using (var context = await host.Services.GetRequiredService<IDbContextFactory<PerfFleetDbContext>>().CreateDbContextAsync())
        {
            Assert.Empty(await context.Database.GetPendingMigrationsAsync());
            Assert.Equal(0, await context.LoadTests.CountAsync());
        }

        var clusterDirectory = Path.Combine(dataDirectory.Path, "postgres", "cluster");
        var serverProcess = PostmasterPidFile.FindRunningServer(clusterDirectory);
        Assert.NotNull(serverProcess);
        Npgsql.NpgsqlConnection.ClearAllPools();
        await host.StopAsync();

        Assert.False(PostmasterPidFile.IsPostgresProcess(serverProcess.Value));
    }

    [Fact]
    public async Task AddPerfFleetStorage_ExternalConnectionString_MigratesThatDatabase()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("external");
        try
        {
            using var host = BuildHost(new() { ["PerfFleet:Database:ConnectionString"] = connectionString });

            await host.StartAsync();
            using var scope = host.Services.CreateScope();
            var context = scope.ServiceProvider.GetRequiredService<PerfFleetDbContext>();
            Assert.Equal(1, await context.Leadership.CountAsync());
            await host.StopAsync();
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(connectionString);
        }
    }

    [Theory]
    [InlineData("PerfFleet:Database:ConnectionString", "Host=127.0.0.1;NoSuchKeyword=1", "ConnectionString")]
    [InlineData("PerfFleet:Database:DatabaseName", "Bad Name", "DatabaseName")]
    [InlineData("PerfFleet:Database:StartTimeoutSeconds", "0", "StartTimeoutSeconds")]
    public async Task AddPerfFleetStorage_InvalidOption_FailsAtStartNamingTheOption(string key, string value, string expectedInMessage)
    {
        using var host = BuildHost(new() { [key] = value });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(expectedInMessage, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConnectionString_BeforeStart_ThrowsExplainingWhatToAwait()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new PerfFleetDatabase().ConnectionString);

        Assert.Contains(nameof(PerfFleetDatabase.WaitUntilReadyAsync), error.Message, StringComparison.Ordinal);
    }

    private static IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddPerfFleetStorage(builder.Configuration);
        return builder.Build();
    }
}
