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
    public async Task History_QueryUnchangedInARegressedRun_ShowsTheQuerysOwnVerdict()
    {
        var repo = Seed.NewRepository();
        await coordinator.Seed.CompletedAsync(Seed.BaselineLevel, repo, TestKind.Baseline);
        var regressed = await coordinator.Seed.CompletedAsync(31, repo, TestKind.Test);
        Assert.Equal(Verdict.Regression, regressed.Verdict); // the latency query regressed, the engine's rate did not

        var run = await CliRun.RunAsync(coordinator.Args("history", "--repo", repo, "--scenario", Seed.Scenario, "--query", "engine.achieved_rate"));

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        var row = Assert.Single(run.Stdout.Split('\n'), l => l.Contains(regressed.Id, StringComparison.Ordinal));
        // One engine figure a side cannot settle a 0.25 % change: inconclusive, whatever the latency query did.
        Assert.True(row.Contains("inconclusive", StringComparison.Ordinal) && !row.Contains("regression", StringComparison.Ordinal), run.Stdout);
    }

    [Fact]
    public async Task History_BaselinesWithAStep_MarksTheFirstRunAfterAndPrintsTheStep()
    {
        var repo = Seed.NewRepository();
        var baselines = new List<LoadTest>();
        for (var i = 0; i < 10; i++)
        {
            baselines.Add(await coordinator.Seed.CompletedAsync(i < 5 ? Seed.BaselineLevel : 25, repo, TestKind.Baseline));
        }

        var run = await CliRun.RunAsync(coordinator.Args("history", "--repo", repo, "--scenario", Seed.Scenario, "--query", Measurements.Query));

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        var first = baselines[5];
        Assert.Contains($"step +25.0 % at {first.Spec.Commit[..12]} ({first.Id}): 20 → 25", run.Stdout, StringComparison.Ordinal);
        var row = run.Stdout.Split('\n').Single(l => l.Contains(first.Id, StringComparison.Ordinal) && !l.StartsWith("step", StringComparison.Ordinal));
        Assert.Contains("step +25.0 %", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_PinnedBaseline_IsMarkedPinned()
    {
        var repo = Seed.NewRepository();
        var pinned = await coordinator.Seed.CompletedAsync(Seed.BaselineLevel, repo, TestKind.Baseline);
        await coordinator.Seed.CompletedAsync(Seed.BaselineLevel, repo, TestKind.Baseline);
        Assert.Equal(ExitCodes.Ok, (await CliRun.RunAsync(coordinator.Args("baselines", "pin", pinned.Id))).ExitCode);

        var run = await CliRun.RunAsync(coordinator.Args("history", "--repo", repo, "--scenario", Seed.Scenario, "--query", Measurements.Query));

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        var row = run.Stdout.Split('\n').Single(l => l.Contains(pinned.Id, StringComparison.Ordinal));
        Assert.Contains("pinned", row, StringComparison.Ordinal);
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
