using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PerfFleet.EmbeddedPostgres;

namespace PerfFleet.Testing.Postgres;

/// <summary>
/// The one PostgreSQL server of a test process: the external server named by
/// <c>PERFFLEET_TEST_DATABASE</c>, or an embedded one started on first use in a directory under
/// <see cref="PostgresServer.TestRoot"/> marked with this process as its owner, and stopped and
/// deleted when the process exits (a killed process is cleaned up by the next test run).
/// </summary>
internal sealed class SharedTestServer
{
    private readonly EmbeddedPostgresServer? embedded;

    private SharedTestServer(string adminConnectionString, EmbeddedPostgresServer? embedded)
    {
        AdminConnectionString = adminConnectionString;
        this.embedded = embedded;
    }

    public string AdminConnectionString { get; }

    public static async Task<SharedTestServer> StartAsync()
    {
        var external = Environment.GetEnvironmentVariable(PostgresServer.ExternalServerVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            return new SharedTestServer(external, embedded: null);
        }

        var binaries = PostgresBinaries.Locate(configuredDirectory: null, Environment.GetEnvironmentVariable("PATH"));
        await OrphanedServerSweeper.SweepAsync(PostgresServer.TestRoot, binaries, "postgres", NullLogger.Instance, CancellationToken.None);

        var server = await OwnedTestServer.StartAsync(binaries, string.Empty);

        // xunit has no assembly-level teardown: process exit is the end of the test run. The
        // watchdog covers a killed run; the sweep above covers a run whose watchdog died too.
        ServerWatchdog.Start(Environment.ProcessId, server.RootDirectory);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAndDelete(server);
        return new SharedTestServer(server.GetConnectionString(), server);
    }

    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database }.ConnectionString;

    public bool IsEmbedded => embedded is not null;

    /// <summary>
    /// Runs in ProcessExit, where the test platform allows little time: an immediate shutdown by
    /// signal, then the directory. If the process is killed first, the next run's sweep finishes.
    /// </summary>
    private static void StopAndDelete(EmbeddedPostgresServer server)
    {
        if (server.StopImmediately(TimeSpan.FromSeconds(5)))
        {
            Directory.Delete(server.RootDirectory, recursive: true);
        }
    }
}
