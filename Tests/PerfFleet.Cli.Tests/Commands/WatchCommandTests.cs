using Microsoft.Extensions.Time.Testing;
using System.Diagnostics;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using PerfFleet.Cli.Output;
using PerfFleet.Cli.Tests.Fixture;
using PerfFleet.Contracts.V1;
using PerfFleet.Testing.Coordinator;

namespace PerfFleet.Cli.Tests.Commands;

/// <summary>
/// `watch` follows a test the fixture's worker moves on step by step; each step waits until the
/// CLI has printed the one before, so every state the coordinator passes through is seen.
/// </summary>
[Collection(CoordinatorCollection.Name)]
public sealed class WatchCommandTests(CoordinatorFixture coordinator)
{
    private static readonly Progress WarmingUp = new() { Phase = RunPhase.WarmingUp, Elapsed = new Duration(), RequestedRate = Seed.RequestedRate };
    private static readonly Progress Measuring = Seed.Measuring(TimeSpan.FromSeconds(30), 198.5);

    [Fact]
    public async Task Watch_TestRunsToCompleted_PrintsEveryStepAndExitsOk()
    {
        var test = await coordinator.Seed.AssignedAsync();
        using var stdout = new LiveOutput();
        using var stderr = new LiveOutput();

        var watching = CliRun.RunAsync(Environment(stdout, stderr), coordinator.Args("watch", test.Id));
        await stdout.WaitForAsync("assigned");
        await coordinator.Worker.ProgressAsync(test.Id, WarmingUp);
        await stdout.WaitForAsync("phase=warming_up");
        await coordinator.Worker.ProgressAsync(test.Id, Measuring);
        await stdout.WaitForAsync("phase=measuring");
        await coordinator.Worker.FinishAsync(test.Id, new ResultFinal { Status = TestStatus.Completed });
        var run = await watching;

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 4, run.Stdout);
        Assert.Contains("assigned", lines[0], StringComparison.Ordinal);
        Assert.Contains("running phase=warming_up", lines[1], StringComparison.Ordinal);

        // The coordinator keeps phase, elapsed time and rates of a run's progress (not its request counts).
        Assert.Contains("running phase=measuring elapsed=30s rate=198.5/200 rps", lines[2], StringComparison.Ordinal);
        Assert.Contains("completed", lines[3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_TestFails_ExitsTestFailedWithTheReason()
    {
        var test = await coordinator.Seed.RunningAsync();
        using var stdout = new LiveOutput();
        using var stderr = new LiveOutput();

        var watching = CliRun.RunAsync(Environment(stdout, stderr), coordinator.Args("watch", test.Id));
        await stdout.WaitForAsync("running");
        await coordinator.Worker.FinishAsync(test.Id, new ResultFinal { Status = TestStatus.Failed, Reason = "compose stack did not become ready" });
        var run = await watching;

        Assert.Equal(ExitCodes.TestFailed, run.ExitCode);
        Assert.Equal($"test {test.Id} failed: compose stack did not become ready", run.OneErrorLine());
    }

    [Fact]
    public async Task Watch_TestStopped_ExitsTestStopped()
    {
        var test = await coordinator.Seed.RunningAsync();
        using var stdout = new LiveOutput();
        using var stderr = new LiveOutput();

        var watching = CliRun.RunAsync(Environment(stdout, stderr), coordinator.Args("watch", test.Id));
        await stdout.WaitForAsync("running");
        await coordinator.Host.LoadTests.StopAsync(new StopTestRequest { Id = test.Id, Reason = "stopped by admin" }, CoordinatorFixture.Admin);
        await stdout.WaitForAsync("stopping");
        await coordinator.Worker.FinishAsync(test.Id, new ResultFinal { Status = TestStatus.Stopped });
        var run = await watching;

        Assert.Equal(ExitCodes.TestStopped, run.ExitCode);
        Assert.Contains("stopped by admin", run.OneErrorLine(), StringComparison.Ordinal);
        Assert.Contains("stopping", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_Json_WritesOneTestEventPerLine()
    {
        var test = await coordinator.Seed.AssignedAsync();
        using var stdout = new LiveOutput();
        using var stderr = new LiveOutput();

        var watching = CliRun.RunAsync(Environment(stdout, stderr), coordinator.Args("watch", test.Id, "-o", "json"));
        await stdout.WaitForAsync("TEST_STATUS_ASSIGNED");
        await coordinator.Worker.ProgressAsync(test.Id, Measuring);
        await stdout.WaitForAsync("TEST_STATUS_RUNNING");
        await coordinator.Worker.FinishAsync(test.Id, new ResultFinal { Status = TestStatus.Completed });
        var run = await watching;

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        var events = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(JsonParser.Default.Parse<TestEvent>).ToList();
        Assert.All(events, e => Assert.Equal(test.Id, e.Test.Id));
        Assert.Equal([TestStatus.Assigned, TestStatus.Running, TestStatus.Completed], events.Select(e => e.Test.Status));
        Assert.Equal(198.5, events[1].Test.Progress.AchievedRate);
    }

    [Fact]
    public async Task Watch_InteractiveTerminal_DrawsTheProgressBarUntilCompleted()
    {
        var test = await coordinator.Seed.RunningAsync();
        using var stdout = new LiveOutput();
        using var stderr = new LiveOutput();
        var environment = new CliEnvironment(stdout, stderr, _ => null, new FakeTimeProvider(Seed.Created), InteractiveTerminal: true);

        // The live display redraws on its own schedule: no line to wait for, the bar must end at 100% either way.
        var watching = CliRun.RunAsync(environment, coordinator.Args("watch", test.Id));
        await coordinator.Worker.FinishAsync(test.Id, new ResultFinal { Status = TestStatus.Completed });
        var run = await watching;

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Contains("completed", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("100%", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_CoordinatorShutsDownBeforeTheTestEnds_ExitsUnavailableAtOnce()
    {
        var test = await coordinator.Seed.RunningAsync();
        var peer = await CoordinatorTestHost.StartAsync(coordinator.DatabaseConnectionString);
        using var stdout = new LiveOutput();
        using var stderr = new LiveOutput();

        var watching = CliRun.RunAsync(Environment(stdout, stderr), "watch", test.Id, "--coordinator", peer.GrpcAddress, "--token", CoordinatorFixture.AdminToken);
        await stdout.WaitForAsync("running");
        var shutdown = Stopwatch.StartNew();
        await peer.DisposeAsync();
        var run = await watching;

        // The peer ends the watch as it stops (it does not hold its shutdown until the stream is cut).
        Assert.True(shutdown.Elapsed < TimeSpan.FromSeconds(15), $"shutting down took {shutdown.Elapsed}");
        Assert.Equal(ExitCodes.Unavailable, run.ExitCode);
        Assert.Equal(
            $"error: coordinator unavailable at {peer.GrpcAddress}/: this coordinator is shutting down: watch again (any coordinator serves it)",
            run.OneErrorLine());
    }

    [Fact]
    public async Task Watch_UnknownId_ExitsNotFound()
    {
        var unknown = Guid.NewGuid().ToString();

        var run = await CliRun.RunAsync(coordinator.Args("watch", unknown));

        Assert.Equal(ExitCodes.NotFound, run.ExitCode);
        Assert.Equal($"error: not found: no test with id {unknown}", run.OneErrorLine());
    }

    private static CliEnvironment Environment(LiveOutput stdout, LiveOutput stderr) =>
        new(stdout, stderr, _ => null, TimeProvider.System, InteractiveTerminal: false);

    [Fact]
    public void Line_ScenarioRateAndNoCounts_ShowsNeitherAZeroRequestedRateNorZeroCounts()
    {
        var line = WatchRenderer.Line(new TestEvent
        {
            Test = new LoadTest { Status = TestStatus.Running, Progress = new Progress { Phase = RunPhase.Measuring, AchievedRate = 60 } },
        });

        Assert.Contains("phase=measuring elapsed=- rate=60 rps", line, StringComparison.Ordinal);
        Assert.DoesNotContain("/0", line, StringComparison.Ordinal);
        Assert.DoesNotContain("requests=0", line, StringComparison.Ordinal);
    }
}
