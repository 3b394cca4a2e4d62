using Microsoft.Extensions.Logging.Abstractions;
using PerfFleet.EmbeddedPostgres;

namespace PerfFleet.Testing.Postgres;

/// <summary>Starts an embedded server for tests in a new directory under <see cref="PostgresServer.TestRoot"/> marked with this process as its owner (so the sweep can tell a killed run's leftovers).</summary>
internal static class OwnedTestServer
{
    public static async Task<EmbeddedPostgresServer> StartAsync(PostgresBinaries binaries, string name)
    {
        var directory = Path.Combine(PostgresServer.TestRoot, $"{Environment.ProcessId}-{name}{Guid.NewGuid():N}"[..(24 + name.Length)]);
        Directory.CreateDirectory(directory);
        TestServerOwner.Current.WriteTo(directory);
        return await EmbeddedPostgresServer.StartAsync(
            new EmbeddedPostgresSettings { RootDirectory = directory, Binaries = binaries, Durable = false },
            NullLogger.Instance,
            CancellationToken.None);
    }
}
