using PerfFleet.Cli.Tests.Fixture;
using PerfFleet.Contracts.V1;
using PerfFleet.Testing.Coordinator;

namespace PerfFleet.Cli.Tests;

/// <summary>
/// A read-only token (PerfFleet:Security:ReadOnlyTokens) on the real coordinator: the commands that
/// read work, the ones that change state exit PERMISSION_DENIED with the call named, and change nothing.
/// </summary>
[Collection(CoordinatorCollection.Name)]
public sealed class ReadOnlyTokenTests(CoordinatorFixture coordinator)
{
    [Theory]
    [InlineData("schedule --repo acme/shop --commit 0123456789abcdef0123456789abcdef01234567", "LoadTests.Schedule")]
    [InlineData("update {id} --rate 5", "LoadTests.Update")]
    [InlineData("stop {id}", "LoadTests.Stop")]
    [InlineData("rerun {id}", "LoadTests.Rerun")]
    [InlineData("repos register reader/repo --clone-url https://git.example.invalid/reader/repo.git", "Repositories.Register")]
    [InlineData("repos remove acme/shop", "Repositories.Remove")]
    public async Task ChangingCommand_ReadOnlyToken_ExitsPermissionDeniedAndChangesNothing(string commandLine, string call)
    {
        // A running test: the scripted worker leaves it running, so any change would be the command's.
        var test = await coordinator.Seed.RunningAsync();
        var before = await coordinator.Seed.GetAsync(test.Id);

        var run = await CliRun.RunAsync(ReadOnlyArgs(commandLine.Replace("{id}", test.Id, StringComparison.Ordinal)));

        Assert.Equal(ExitCodes.PermissionDenied, run.ExitCode);
        Assert.Equal($"error: permission denied: {call} changes state and this token is read-only: use an admin token", run.OneErrorLine());
        var after = await coordinator.Seed.GetAsync(test.Id);
        Assert.Equal((TestStatus.Running, before.Spec.Rate), (after.Status, after.Spec.Rate));
        Assert.DoesNotContain(coordinator.Worker.Updates, u => u.TestId == test.Id);
        Assert.DoesNotContain(coordinator.Worker.Stops, s => s.TestId == test.Id);
        var repositories = await coordinator.Host.Repositories.ListAsync(new Google.Protobuf.WellKnownTypes.Empty(), CoordinatorFixture.Admin);
        Assert.Contains(repositories.Repositories, r => r.Name == CoordinatorFixture.RegisteredRepository);
        Assert.DoesNotContain(repositories.Repositories, r => r.Name == "reader/repo");
    }

    [Theory]
    [InlineData("list --id {id}")]
    [InlineData("get {id}")]
    [InlineData("workers")]
    [InlineData("repos list")]
    public async Task ReadingCommand_ReadOnlyToken_Works(string commandLine)
    {
        var test = await coordinator.Seed.ScheduledAsync();

        var run = await CliRun.RunAsync(ReadOnlyArgs(commandLine.Replace("{id}", test.Id, StringComparison.Ordinal)));

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        var expected = commandLine.StartsWith("workers", StringComparison.Ordinal) ? coordinator.Worker.Id
            : commandLine.StartsWith("repos", StringComparison.Ordinal) ? CoordinatorFixture.RegisteredRepository
            : test.Id;
        Assert.Contains(expected, run.Stdout, StringComparison.Ordinal);
    }

    private string[] ReadOnlyArgs(string commandLine) =>
        [.. commandLine.Split(' '), "--coordinator", coordinator.Address, "--token", CoordinatorTestHost.ReadOnlyToken];
}
