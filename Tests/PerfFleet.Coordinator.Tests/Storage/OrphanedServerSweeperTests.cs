using Microsoft.Extensions.Logging.Abstractions;
using PerfFleet.EmbeddedPostgres;
using PerfFleet.Testing.Postgres;

namespace PerfFleet.Coordinator.Tests.Storage;

public sealed class OrphanedServerSweeperTests
{
    private static PostgresBinaries Binaries => PostgresBinaries.Locate(null, Environment.GetEnvironmentVariable("PATH"));

    [Fact]
    public async Task SweepAsync_ServerOfDeadTestProcess_StopsServerAndDeletesDirectory()
    {
        using var testRoot = new TempDirectory("sweep");
        var orphan = Path.Combine(testRoot.Path, "killed-run");
        var server = await EmbeddedPostgresServer.StartAsync(
            new EmbeddedPostgresSettings { RootDirectory = orphan, Binaries = Binaries, Durable = false }, NullLogger.Instance, CancellationToken.None);
        (await DeadProcessOwnerAsync()).WriteTo(orphan);

        var removed = await OrphanedServerSweeper.SweepAsync(testRoot.Path, Binaries, "postgres", NullLogger.Instance, CancellationToken.None);

        Assert.Equal([orphan], removed);
        Assert.False(PostmasterPidFile.IsPostgresProcess(server.ProcessId));
        Assert.False(Directory.Exists(orphan));
    }

    [Fact]
    public async Task SweepAsync_DirectoryOfLiveTestProcess_LeavesItAlone()
    {
        using var testRoot = new TempDirectory("sweep");
        var live = Directory.CreateDirectory(Path.Combine(testRoot.Path, "running")).FullName;
        TestServerOwner.Current.WriteTo(live);

        var removed = await OrphanedServerSweeper.SweepAsync(testRoot.Path, Binaries, "postgres", NullLogger.Instance, CancellationToken.None);

        Assert.Empty(removed);
        Assert.True(Directory.Exists(live));
    }

    [Fact]
    public void IsAlive_PidReusedByAnotherProcess_IsFalse()
    {
        var impostor = TestServerOwner.Current with { StartTime = TestServerOwner.Current.StartTime - 1 };

        Assert.False(impostor.IsAlive);
        Assert.True(TestServerOwner.Current.IsAlive);
    }

    /// <summary>The owner record of a process that ran and exited: what a killed test host leaves.</summary>
    private static async Task<TestServerOwner> DeadProcessOwnerAsync()
    {
        using var process = System.Diagnostics.Process.Start("sleep", "0.2");
        var owner = TestServerOwner.ForProcess(process.Id) ?? throw new InvalidOperationException("sleep exited too early");
        await process.WaitForExitAsync();
        return owner;
    }
}
