using PerfFleet.Cli.Tests.Fixture;
using PerfFleet.Contracts.V1;
using PerfFleet.Testing.Coordinator;

namespace PerfFleet.Cli.Tests.Commands;

[Collection(CoordinatorCollection.Name)]
public sealed class BaselinesCommandTests(CoordinatorFixture coordinator)
{
    [Fact]
    public async Task PinListUnpin_MovesTheCurrentBaselineAndBack()
    {
        var repo = Seed.NewRepository();
        var older = await coordinator.Seed.CompletedAsync(Seed.BaselineLevel, repo, TestKind.Baseline);
        var newest = await coordinator.Seed.CompletedAsync(Seed.BaselineLevel, repo, TestKind.Baseline);

        var pin = await CliRun.RunAsync(coordinator.Args("baselines", "pin", older.Id));
        var pinnedList = await CliRun.RunAsync(coordinator.Args("baselines", "list", repo, "--scenario", Seed.Scenario, "-o", "json"));
        var unpin = await CliRun.RunAsync(coordinator.Args("baselines", "unpin", older.Id));
        var list = await CliRun.RunAsync(coordinator.Args("baselines", "list", repo, "--scenario", Seed.Scenario));

        Assert.True(pin.ExitCode == ExitCodes.Ok, pin.ToString());
        Assert.StartsWith($"pinned {older.Id}: {repo} ({Seed.Scenario}) at {older.Spec.Commit[..12]}", pin.Stdout, StringComparison.Ordinal);
        Assert.True(pinnedList.ExitCode == ExitCodes.Ok, pinnedList.ToString());
        var parsed = ListBaselinesResponse.Parser.ParseJson(pinnedList.Stdout);
        Assert.Equal(older.Id, parsed.CurrentTestId);
        Assert.Equal([(newest.Id, false), (older.Id, true)], parsed.Baselines.Select(b => (b.TestId, b.Pinned)));
        Assert.True(unpin.ExitCode == ExitCodes.Ok, unpin.ToString());
        Assert.StartsWith($"unpinned {older.Id}", unpin.Stdout, StringComparison.Ordinal);
        var currentRow = list.Stdout.Split('\n').Single(l => l.Contains(newest.Id, StringComparison.Ordinal));
        Assert.Contains(" * ", currentRow, StringComparison.Ordinal);
        Assert.DoesNotContain("pinned", list.Stdout.Split('\n').Single(l => l.Contains(older.Id, StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pin_TestRun_ExitsFailedPreconditionSayingWhy()
    {
        var test = await coordinator.Seed.CompletedAsync(Seed.BaselineLevel, Seed.NewRepository());

        var run = await CliRun.RunAsync(coordinator.Args("baselines", "pin", test.Id));

        Assert.Equal(ExitCodes.FailedPrecondition, run.ExitCode);
        Assert.StartsWith($"error: failed precondition: test {test.Id} is a test run, not a baseline", run.OneErrorLine(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pin_MalformedId_ExitsInvalidArgumentNamingId()
    {
        var run = await CliRun.RunAsync(coordinator.Args("baselines", "pin", "'; DROP TABLE load_tests; --"));

        Assert.Equal(ExitCodes.InvalidArgument, run.ExitCode);
        Assert.Contains("id", run.OneErrorLine(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_WithoutRepository_ExitsUsage()
    {
        var run = await CliRun.RunAsync(coordinator.Args("baselines", "list"));

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
    }

    [Fact]
    public async Task PinAndList_ReadOnlyToken_PinIsDeniedListWorks()
    {
        var repo = Seed.NewRepository();
        var baseline = await coordinator.Seed.CompletedAsync(Seed.BaselineLevel, repo, TestKind.Baseline);
        string[] ReadOnly(params string[] args) => [.. args, "--coordinator", coordinator.Address, "--token", CoordinatorTestHost.ReadOnlyToken];

        var pin = await CliRun.RunAsync(ReadOnly("baselines", "pin", baseline.Id));
        var list = await CliRun.RunAsync(ReadOnly("baselines", "list", repo, "--scenario", Seed.Scenario));

        Assert.Equal(ExitCodes.PermissionDenied, pin.ExitCode);
        Assert.Equal("error: permission denied: LoadTests.PinBaseline changes state and this token is read-only: use an admin token", pin.OneErrorLine());
        Assert.True(list.ExitCode == ExitCodes.Ok, list.ToString());
        Assert.Contains(baseline.Id, list.Stdout, StringComparison.Ordinal);
    }
}
