using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using PerfFleet.Cli.Tests.Fixture;
using PerfFleet.Contracts.V1;
using PerfFleet.Testing.Time;

namespace PerfFleet.Cli.Tests.Commands;

[Collection(CoordinatorCollection.Name)]
public sealed class WatchCommandTests(CoordinatorFixture coordinator)
{
    [Fact]
    public async Task Watch_TestRunsToCompleted_PrintsEveryStepAndExitsOk()
    {
        var id = Script(TestStatus.Completed, "");

        var run = await CliRun.RunAsync(coordinator.Args("watch", id));

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.Contains("assigned", lines[0], StringComparison.Ordinal);
        Assert.Contains("running phase=warming_up", lines[1], StringComparison.Ordinal);
        Assert.Contains("running phase=measuring elapsed=30s rate=198.5/200 rps requests=5955 errors=2", lines[2], StringComparison.Ordinal);
        Assert.Contains("completed", lines[3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_TestFails_ExitsTestFailedWithTheReason()
    {
        var id = Script(TestStatus.Failed, "compose stack did not become ready");

        var run = await CliRun.RunAsync(coordinator.Args("watch", id));

        Assert.Equal(ExitCodes.TestFailed, run.ExitCode);
        Assert.Equal($"test {id} failed: compose stack did not become ready", run.OneErrorLine());
    }

    [Fact]
    public async Task Watch_TestStopped_ExitsTestStopped()
    {
        var id = Script(TestStatus.Stopped, "stopped by admin");

        var run = await CliRun.RunAsync(coordinator.Args("watch", id));

        Assert.Equal(ExitCodes.TestStopped, run.ExitCode);
        Assert.Contains("stopped by admin", run.OneErrorLine(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_StreamEndsBeforeTheTestEnds_ExitsError()
    {
        var test = Seed.Test(coordinator.State, TestStatus.Running);
        coordinator.State.WatchScripts[test.Id] = [Event(test, TestStatus.Running, RunPhase.Measuring, 5)];

        var run = await CliRun.RunAsync(coordinator.Args("watch", test.Id));

        Assert.Equal(ExitCodes.Error, run.ExitCode);
        Assert.Contains("before the test finished", run.OneErrorLine(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_Json_WritesOneTestEventPerLine()
    {
        var id = Script(TestStatus.Completed, "");

        var run = await CliRun.RunAsync(coordinator.Args("watch", id, "-o", "json"));

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        var events = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(JsonParser.Default.Parse<TestEvent>).ToList();
        Assert.Equal(coordinator.State.WatchScripts[id], events);
    }

    [Fact]
    public async Task Watch_InteractiveTerminal_DrawsTheProgressBarUntilCompleted()
    {
        var id = Script(TestStatus.Completed, "");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var environment = new CliEnvironment(stdout, stderr, _ => null, new ManualTimeProvider(Seed.Created), InteractiveTerminal: true);

        var run = await CliRun.RunAsync(environment, coordinator.Args("watch", id));

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Contains("completed", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("100%", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_UnknownId_ExitsNotFound()
    {
        var run = await CliRun.RunAsync(coordinator.Args("watch", "missing-test"));

        Assert.Equal(ExitCodes.NotFound, run.ExitCode);
        Assert.Equal("error: not found: test missing-test does not exist", run.OneErrorLine());
    }

    private string Script(TestStatus end, string reason)
    {
        var test = Seed.Test(coordinator.State, TestStatus.Assigned);
        var last = Event(test, end, RunPhase.Unspecified, 60);
        last.Test.StatusReason = reason;
        coordinator.State.WatchScripts[test.Id] =
        [
            Event(test, TestStatus.Assigned, RunPhase.Unspecified, 0),
            Event(test, TestStatus.Running, RunPhase.WarmingUp, 0),
            Event(test, TestStatus.Running, RunPhase.Measuring, 30),
            last,
        ];
        return test.Id;
    }

    private static TestEvent Event(LoadTest test, TestStatus status, RunPhase phase, int elapsedSeconds)
    {
        var snapshot = test.Clone();
        snapshot.Status = status;
        snapshot.Progress = new Progress
        {
            Phase = phase,
            Elapsed = Duration.FromTimeSpan(TimeSpan.FromSeconds(elapsedSeconds)),
            AchievedRate = elapsedSeconds == 30 ? 198.5 : 0,
            RequestedRate = 200,
            Requests = elapsedSeconds == 30 ? 5955 : 0,
            Errors = elapsedSeconds == 30 ? 2 : 0,
        };
        return new TestEvent { Test = snapshot, Time = Timestamp.FromDateTimeOffset(Seed.Created.AddSeconds(elapsedSeconds)) };
    }
}
