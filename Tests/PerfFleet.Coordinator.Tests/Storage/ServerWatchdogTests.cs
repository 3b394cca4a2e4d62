using Microsoft.Extensions.Logging.Abstractions;
using PerfFleet.EmbeddedPostgres;
using PerfFleet.Testing.Postgres;

namespace PerfFleet.Coordinator.Tests.Storage;

public sealed class ServerWatchdogTests
{
    [Fact]
    public async Task Start_OwnerKilled_StopsServerAndDeletesDirectory()
    {
        using var temp = new TempDirectory("watchdog");
        var serverDirectory = Path.Combine(temp.Path, "server");
        var binaries = PostgresBinaries.Locate(null, Environment.GetEnvironmentVariable("PATH"));
        var server = await EmbeddedPostgresServer.StartAsync(
            new EmbeddedPostgresSettings { RootDirectory = serverDirectory, Binaries = binaries, Durable = false }, NullLogger.Instance, CancellationToken.None);
        using var owner = System.Diagnostics.Process.Start("sleep", "60");
        try
        {
            ServerWatchdog.Start(owner.Id, serverDirectory);
            await Task.Delay(700);
            Assert.True(PostmasterPidFile.IsPostgresProcess(server.ProcessId), "the watchdog must wait while the owner lives");
            owner.Kill();
            await owner.WaitForExitAsync();
        }
        finally
        {
            if (!owner.HasExited)
            {
                // The assertion above failed: stop what the watchdog would have stopped.
                owner.Kill();
                await server.StopAsync();
            }
        }

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while ((Directory.Exists(serverDirectory) || PostmasterPidFile.IsPostgresProcess(server.ProcessId)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.False(PostmasterPidFile.IsPostgresProcess(server.ProcessId));
        Assert.False(Directory.Exists(serverDirectory));
    }
}
