using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using PerfFleet.EmbeddedPostgres;

namespace PerfFleet.Coordinator.Storage;

/// <summary>
/// Brings the database up before anything uses it: starts the embedded PostgreSQL when no
/// connection string is configured, applies the EF Core migrations, then marks
/// <see cref="PerfFleetDatabase"/> ready. Stops the embedded server when the host stops.
/// </summary>
internal sealed class DatabaseStartupService(
    IOptions<DatabaseOptions> options,
    PerfFleetDatabase database,
    ILoggerFactory loggerFactory) : IHostedService, IAsyncDisposable
{
    private readonly ILogger logger = loggerFactory.CreateLogger<DatabaseStartupService>();
    /// <summary>The advisory lock key that serialises migrations ("PerfMigr"); the leadership lock has its own.</summary>
    private const long MigrationLockKey = 0x506572664D696772;

    private EmbeddedPostgresServer? embeddedServer;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            var connectionString = await ConnectAsync(options.Value, cancellationToken);
            await using (var context = new PerfFleetDbContext(PerfFleetDbContextFactory.CreateOptions(connectionString)))
            {
                // Coordinators start together and each migrates: without one lock across them the
                // second applies a migration the first is applying ("column ... already exists").
                // A session lock on the connection the migrations use; it ends with the connection.
                await context.Database.OpenConnectionAsync(cancellationToken);
                await context.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({MigrationLockKey})", cancellationToken);
                var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
                await context.Database.MigrateAsync(cancellationToken);
                await context.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({MigrationLockKey})", cancellationToken);
                StorageLog.Migrated(logger, pending);
            }

            database.MarkReady(connectionString);
        }
        catch (Exception e)
        {
            // The host fails to start with this exception; waiting services see it too instead of hanging.
            StorageLog.StartFailed(logger, e);
            database.MarkFailed(e);
            throw;
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (embeddedServer is not null)
        {
            SharedConnectionFile.Remove(options.Value.DataDirectory);
            await embeddedServer.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (embeddedServer is not null)
        {
            await embeddedServer.DisposeAsync();
        }
    }

    private async Task<string> ConnectAsync(DatabaseOptions settings, CancellationToken cancellationToken)
    {
        if (!settings.UsesEmbeddedServer)
        {
            var builder = new NpgsqlConnectionStringBuilder(settings.ConnectionString);
            StorageLog.UsingExternalServer(logger, $"{DatabaseOptions.SectionName}:{nameof(DatabaseOptions.ConnectionString)}", builder.Host, builder.Database);
            return settings.ConnectionString!;
        }

        var binaries = PostgresBinaries.Locate(settings.BinariesDirectory, Environment.GetEnvironmentVariable("PATH"));
        embeddedServer = await EmbeddedPostgresServer.StartAsync(
            new EmbeddedPostgresSettings
            {
                RootDirectory = Path.GetFullPath(Path.Combine(settings.DataDirectory, "postgres")),
                Binaries = binaries,
                SystemUser = settings.SystemUser,
                StartTimeout = TimeSpan.FromSeconds(settings.StartTimeoutSeconds),
            },
            loggerFactory.CreateLogger<EmbeddedPostgresServer>(),
            cancellationToken);
        await PostgresDatabases.EnsureExistsAsync(embeddedServer.GetConnectionString(), settings.DatabaseName, cancellationToken);
        var connectionString = embeddedServer.GetConnectionString(settings.DatabaseName);
        SharedConnectionFile.Write(settings.DataDirectory, connectionString);
        StorageLog.EmbeddedShared(logger, SharedConnectionFile.PathIn(settings.DataDirectory));
        return connectionString;
    }
}
