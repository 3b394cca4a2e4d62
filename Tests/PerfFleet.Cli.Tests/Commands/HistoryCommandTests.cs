using PerfFleet.Cli.Tests.Fixture;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Cli.Tests.Commands;

[Collection(CoordinatorCollection.Name)]
public sealed class HistoryCommandTests(CoordinatorFixture coordinator)
{
    [Fact]
    public async Task History_BaselinesAndTests_AreShownInTimeOrderWithVerdicts()
    {
        var repo = Seed.NewRepository();
        var firstBaseline = await coordinator.Seed.CompletedAsync(Seed.BaselineLevel, repo, TestKind.Baseline);
        var pullRequest = await coordinator.Seed.CompletedAsync(31, repo, TestKind.Test, pullRequest: 42);
        var secondBaseline = await coordinator.Seed.CompletedAsync(21, repo, TestKind.Baseline);

        var run = await CliRun.RunAsync(coordinator.Args("history", "--repo", repo, "--scenario", Seed.Scenario, "--query", Measurements.Query));

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        var order = new[] { firstBaseline.Id, pullRequest.Id, secondBaseline.Id }.Select(id => run.Stdout.IndexOf(id, StringComparison.Ordinal)).ToList();
        Assert.True(order.All(i => i >= 0) && order[0] < order[1] && order[1] < order[2], run.Stdout);
        Assert.Contains("#42", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("regression", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_OtherScenario_ShowsNoneOfTheRuns()
    {
        var repo = Seed.NewRepository();
        var baseline = await coordinator.Seed.CompletedAsync(Seed.BaselineLevel, repo, TestKind.Baseline);

        var run = await CliRun.RunAsync(coordinator.Args("history", "--repo", repo, "--scenario", "search", "--query", Measurements.Query));

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.DoesNotContain(baseline.Id, run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_WithoutQuery_ExitsUsageNamingTheOption()
    {
        var run = await CliRun.RunAsync(coordinator.Args("history", "--repo", "acme/shop", "--scenario", "checkout"));

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--query", run.Stderr, StringComparison.Ordinal);
    }
}
