using System.Diagnostics;
using Npgsql;
using PerfFleet.Testing.Net;

namespace PerfFleet.Coordinator.Tests.Web.Support;

/// <summary>
/// A throw-away PostgreSQL 15 for the web UI tests: initdb + pg_ctl as the <c>postgres</c> user
/// (initdb refuses root) in a temporary directory, on a free loopback port, trust auth.
/// Private to these tests until the shared fixture of PerfFleet.Testing/Postgres lands; it has
/// the same shape (a connection string to a fresh database) so swapping it is one line.
/// </summary>
internal sealed class PrivatePostgresServer : IAsyncDisposable
{
    private const string BinDirectory = "/usr/lib/postgresql/15/bin";

    private readonly string directory;

    private PrivatePostgresServer(string directory, int port)
    {
        this.directory = directory;
        Port = port;
    }

    public int Port { get; }

    public string DataDirectory => Path.Combine(directory, "data");

    public static async Task<PrivatePostgresServer> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("perffleet-webui-pg-").FullName;
        await RunAsync("chown", "postgres:postgres", directory);
        var server = new PrivatePostgresServer(directory, FreePort.Next());
        await RunAsync("runuser", "-u", "postgres", "--", Path.Combine(BinDirectory, "initdb"),
            "-D", server.DataDirectory, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C");
        await RunAsync("runuser", "-u", "postgres", "--", Path.Combine(BinDirectory, "pg_ctl"),
            "-D", server.DataDirectory, "-l", Path.Combine(directory, "postgres.log"), "-w", "-t", "30",
            "-o", $"-p {server.Port} -k {directory} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off",
            "start");
        return server;
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        var admin = ConnectionString("postgres");
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await RunAsync("runuser", "-u", "postgres", "--", Path.Combine(BinDirectory, "pg_ctl"), "-D", DataDirectory, "-m", "immediate", "-w", "stop");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Database = database, Pooling = true }.ConnectionString;

    private static async Task RunAsync(string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{file} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await stderr}{await stdout}");
        }
    }
}
