using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PerfFleet.Coordinator.Storage;
using PerfFleet.EmbeddedPostgres;
using PerfFleet.Testing.Postgres;

namespace PerfFleet.Coordinator.Tests.Storage;

public sealed class EmbeddedPostgresServerTests
{
    private static PostgresBinaries Binaries => PostgresBinaries.Locate(null, Environment.GetEnvironmentVariable("PATH"));

    [Fact]
    public async Task StartAsync_FreshDirectory_RunsAsServerUserServesMigrationAndLeavesNothingBehind()
    {
        using var temp = new TempDirectory("embedded");
        var root = Path.Combine(temp.Path, "postgres");
        var server = await EmbeddedPostgresServer.StartAsync(
            new EmbeddedPostgresSettings { RootDirectory = root, Binaries = Binaries, Durable = false }, NullLogger.Instance, CancellationToken.None);
        int processId;
        try
        {
            processId = server.ProcessId;
            Assert.True(PostmasterPidFile.IsPostgresProcess(processId));
            if (Environment.IsPrivilegedProcess)
            {
                // initdb and postgres refuse root: the server must run as the postgres user and own its cluster.
                var postgresUid = await ReadUidOfUserAsync("postgres");
                Assert.Equal(postgresUid, ReadProcessUid(processId));
                Assert.Equal(postgresUid, await ReadFileOwnerAsync(server.ClusterDirectory));
            }

            await PostgresDatabases.EnsureExistsAsync(server.GetConnectionString(), "perffleet", CancellationToken.None);
            await using (var context = new PerfFleetDbContext(PerfFleetDbContextFactory.CreateOptions(server.GetConnectionString("perffleet"))))
            {
                await context.Database.MigrateAsync();
                Assert.Equal(0, (await context.Leadership.SingleAsync()).Epoch);
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await server.DisposeAsync();
        }

        Assert.False(PostmasterPidFile.IsPostgresProcess(processId));
        Assert.Null(PostmasterPidFile.FindRunningServer(server.ClusterDirectory));
        temp.Dispose();
        Assert.False(Directory.Exists(root));
    }

    [Fact]
    public async Task StartAsync_ServerLeftRunningInSameDirectory_StopsStaleServerAndStartsAgain()
    {
        using var temp = new TempDirectory("stale");
        var settings = new EmbeddedPostgresSettings { RootDirectory = temp.Path, Binaries = Binaries, Durable = false };

        // An earlier run that was killed: its server keeps running, nobody stops it.
        var abandoned = await EmbeddedPostgresServer.StartAsync(settings, NullLogger.Instance, CancellationToken.None);
        var restarted = await EmbeddedPostgresServer.StartAsync(settings, NullLogger.Instance, CancellationToken.None);
        try
        {
            Assert.NotEqual(abandoned.ProcessId, restarted.ProcessId);
            Assert.False(PostmasterPidFile.IsPostgresProcess(abandoned.ProcessId));
            await using var connection = new NpgsqlConnection(restarted.GetConnectionString());
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT 41 + 1", connection);
            Assert.Equal(42, await command.ExecuteScalarAsync());
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await restarted.DisposeAsync();
        }

        Assert.False(PostmasterPidFile.IsPostgresProcess(restarted.ProcessId));
    }

    [Fact]
    public async Task StartAsync_ExistingClusterWithoutPasswordFile_ThrowsNamingTheFile()
    {
        using var temp = new TempDirectory("nopassword");
        var settings = new EmbeddedPostgresSettings { RootDirectory = temp.Path, Binaries = Binaries, Durable = false };
        await (await EmbeddedPostgresServer.StartAsync(settings, NullLogger.Instance, CancellationToken.None)).DisposeAsync();
        File.Delete(settings.PasswordFile);

        var error = await Assert.ThrowsAsync<EmbeddedPostgresException>(
            () => EmbeddedPostgresServer.StartAsync(settings, NullLogger.Instance, CancellationToken.None));

        Assert.Contains(settings.PasswordFile, error.Message, StringComparison.Ordinal);
    }

    private static int ReadProcessUid(int processId)
    {
        var line = File.ReadLines($"/proc/{processId}/status").First(l => l.StartsWith("Uid:", StringComparison.Ordinal));
        return int.Parse(line.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<int> ReadUidOfUserAsync(string user) => int.Parse((await RunAsync("id", "-u", user)).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<int> ReadFileOwnerAsync(string path) => int.Parse((await RunAsync("stat", "-c", "%u", path)).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<string> RunAsync(string program, params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo(program) { RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output;
    }
}
