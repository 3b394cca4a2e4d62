using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PerfFleet.Coordinator.Storage;
using PerfFleet.EmbeddedPostgres;

namespace PerfFleet.Testing.Postgres;

/// <summary>
/// A PostgreSQL server of one test alone, with a migrated database: the test may stop it or
/// restart it (an outage) without harming the tests that share <see cref="PostgresServer"/>.
/// A restart keeps the port, so the coordinator's connection string stays valid. Stopped and
/// deleted on disposal; a killed run's directory is swept like the shared server's.
/// </summary>
public sealed class PrivatePostgresServer : IAsyncDisposable
{
    private const string DatabaseName = "perffleet";

    private readonly EmbeddedPostgresServer server;
    private readonly PostgresBinaries binaries;

    private PrivatePostgresServer(EmbeddedPostgresServer server, PostgresBinaries binaries)
    {
        this.server = server;
        this.binaries = binaries;
        ConnectionString = server.GetConnectionString(DatabaseName);
    }

    public string ConnectionString { get; }

    public PerfFleetDbContext CreateDbContext() => new(PerfFleetDbContextFactory.CreateOptions(ConnectionString));

    public static async Task<PrivatePostgresServer> StartAsync()
    {
        var binaries = PostgresBinaries.Locate(configuredDirectory: null, Environment.GetEnvironmentVariable("PATH"));
        var server = await OwnedTestServer.StartAsync(binaries, "private-");
        var owned = new PrivatePostgresServer(server, binaries);
        await PostgresDatabases.EnsureExistsAsync(server.GetConnectionString(), DatabaseName, CancellationToken.None);
        await using var context = owned.CreateDbContext();
        await context.Database.MigrateAsync();
        return owned;
    }

    /// <summary>Stops the server (fast shutdown: every session ends with 57P01) until <see cref="StartAgainAsync"/>.</summary>
    public Task StopAsync() => PgCtlAsync("stop", "-m", "fast", "-w", "-t", "30");

    /// <summary>Starts the stopped server again on the same port and options.</summary>
    public async Task StartAgainAsync()
    {
        await PgCtlAsync(
            "start", "-w", "-t", "60", "-l", Path.Combine(server.ClusterDirectory, "server.log"),
            "-o", $"-p {server.Port.ToString(CultureInfo.InvariantCulture)} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off");
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>A restart as an operator does it: sessions end, the server is back on the same port.</summary>
    public async Task RestartAsync()
    {
        await PgCtlAsync("restart", "-m", "fast", "-w", "-t", "60");

        // This process's idle pooled sessions were ended with the old server: do not hand them out.
        NpgsqlConnection.ClearAllPools();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            // Not StopImmediately: after a restart the postmaster has another pid than at the start.
            await PgCtlAsync("stop", "-m", "immediate", "-w", "-t", "30");
        }
        catch (InvalidOperationException)
        {
            // Already stopped by the test.
        }

        Directory.Delete(server.RootDirectory, recursive: true);
    }

    private async Task PgCtlAsync(params string[] arguments)
    {
        // initdb and pg_ctl refuse root: as root, run them as the cluster's owner, as the embedded server does.
        var asRoot = Environment.IsPrivilegedProcess;
        var start = new ProcessStartInfo(asRoot ? "runuser" : binaries.PgCtl) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (asRoot)
        {
            foreach (var prefix in new[] { "-u", "postgres", "--", binaries.PgCtl })
            {
                start.ArgumentList.Add(prefix);
            }
        }

        start.ArgumentList.Add(arguments[0]);
        start.ArgumentList.Add("-D");
        start.ArgumentList.Add(server.ClusterDirectory);
        foreach (var argument in arguments.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"pg_ctl {arguments[0]} exited {process.ExitCode}: {await output}{await error}");
        }
    }
}
