using Npgsql;
using PerfFleet.EmbeddedPostgres;

namespace PerfFleet.Testing.Postgres;

/// <summary>
/// Databases for tests on one PostgreSQL server per test process (started lazily, shared by all
/// test classes): each caller gets a fresh, empty database. Set <c>PERFFLEET_TEST_DATABASE</c> to
/// a connection string (of a user that may create databases) to use an existing server instead.
/// </summary>
public static class PostgresServer
{
    public const string ExternalServerVariable = "PERFFLEET_TEST_DATABASE";

    private static readonly Lazy<Task<SharedTestServer>> Shared = new(SharedTestServer.StartAsync);

    /// <summary>Where embedded test servers live, one directory per test process.</summary>
    public static string TestRoot { get; } = Path.Combine(Path.GetTempPath(), "perffleet-test-postgres");

    /// <summary>True when tests run on the embedded server (false with <c>PERFFLEET_TEST_DATABASE</c>).</summary>
    public static async Task<bool> IsEmbeddedAsync() => (await Shared.Value).IsEmbedded;

    /// <summary>Creates an empty database with a unique name and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix = "test", CancellationToken cancellationToken = default)
    {
        var server = await Shared.Value;
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 63)].ToLowerInvariant();
        await PostgresDatabases.EnsureExistsAsync(server.AdminConnectionString, name, cancellationToken);
        return server.ConnectionStringFor(name);
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, ending its sessions.</summary>
    public static async Task DropDatabaseAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        var server = await Shared.Value;
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database
            ?? throw new ArgumentException("The connection string names no database.", nameof(connectionString));

        // Pooled idle connections of this database would otherwise linger, broken, after the drop.
        await using (var pooled = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        await PostgresDatabases.DropAsync(server.AdminConnectionString, database, cancellationToken);
    }
}
