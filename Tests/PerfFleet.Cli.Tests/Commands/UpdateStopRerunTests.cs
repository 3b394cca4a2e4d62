using Google.Protobuf;
using PerfFleet.Cli.Tests.Fixture;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Cli.Tests.Commands;

[Collection(CoordinatorCollection.Name)]
public sealed class UpdateStopRerunTests(CoordinatorFixture coordinator)
{
    [Fact]
    public async Task Update_RunningTest_SendsRateAndDurationAndPrintsThem()
    {
        var test = Seed.Test(coordinator.State, TestStatus.Running);

        var run = await CliRun.RunAsync(coordinator.Args("update", test.Id, "--rate", "400", "--duration", "00:05:00"));

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        var sent = Assert.Single(coordinator.State.Updates, u => u.Id == test.Id);
        Assert.Equal((400d, TimeSpan.FromMinutes(5)), (sent.Rate, sent.Duration.ToTimeSpan()));
        Assert.Contains("400 rps", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("5m00s", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_CompletedTest_ExitsFailedPrecondition()
    {
        var test = Seed.Test(coordinator.State, TestStatus.Completed);

        var run = await CliRun.RunAsync(coordinator.Args("update", test.Id, "--rate", "10"));

        Assert.Equal(ExitCodes.FailedPrecondition, run.ExitCode);
        Assert.StartsWith("error: failed precondition: test " + test.Id, run.OneErrorLine(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_WithoutRateOrDuration_ExitsUsage()
    {
        var run = await CliRun.RunAsync(coordinator.Args("update", "any-id"));

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal("error: update needs --rate or --duration", run.OneErrorLine());
    }

    [Fact]
    public async Task Stop_RunningTest_SendsReasonAndPrintsStopping()
    {
        var test = Seed.Test(coordinator.State, TestStatus.Running);

        var run = await CliRun.RunAsync(coordinator.Args("stop", test.Id, "--reason", "wrong commit", "-o", "json"));

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Equal("wrong commit", Assert.Single(coordinator.State.Stops, s => s.Id == test.Id).Reason);
        var printed = JsonParser.Default.Parse<LoadTest>(run.Stdout);
        Assert.Equal((TestStatus.Stopping, "wrong commit"), (printed.Status, printed.StatusReason));
    }

    [Fact]
    public async Task Stop_UnknownId_ExitsNotFound()
    {
        var run = await CliRun.RunAsync(coordinator.Args("stop", "no-such-test"));

        Assert.Equal(ExitCodes.NotFound, run.ExitCode);
        Assert.Equal("error: not found: test no-such-test does not exist", run.OneErrorLine());
    }

    [Fact]
    public async Task Rerun_ExistingTest_PrintsNewTestThatRerunsTheOriginal()
    {
        var test = Seed.Test(coordinator.State, TestStatus.Failed);

        var run = await CliRun.RunAsync(coordinator.Args("rerun", test.Id));

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Contains("rerun of", run.Stdout, StringComparison.Ordinal);
        Assert.Contains(test.Id, run.Stdout, StringComparison.Ordinal);
        Assert.Single(coordinator.State.Tests.Values, d => d.Test.RerunOf == test.Id);
    }
}
