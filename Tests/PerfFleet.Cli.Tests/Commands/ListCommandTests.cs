using Google.Protobuf;
using PerfFleet.Cli.Tests.Fixture;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Cli.Tests.Commands;

[Collection(CoordinatorCollection.Name)]
public sealed class ListCommandTests(CoordinatorFixture coordinator)
{
    [Fact]
    public async Task List_RepeatedStatus_ShowsOnlyTestsInThoseStates()
    {
        var repo = "acme/" + Guid.NewGuid().ToString("N");
        var running = Seed.Test(coordinator.State, TestStatus.Running, repo);
        var failed = Seed.Test(coordinator.State, TestStatus.Failed, repo);
        var completed = Seed.Test(coordinator.State, TestStatus.Completed, repo);

        var run = await CliRun.RunAsync(coordinator.Args("list", "--repo", repo, "--status", "running", "--status", "TEST_STATUS_FAILED"));

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Contains(running.Id, run.Stdout, StringComparison.Ordinal);
        Assert.Contains(failed.Id, run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(completed.Id, run.Stdout, StringComparison.Ordinal);
        Assert.Contains("2 of 2 tests", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_EveryFilter_IsSentToTheCoordinator()
    {
        var repo = "acme/" + Guid.NewGuid().ToString("N");

        var run = await CliRun.RunAsync(coordinator.Args(
            "list", "--repo", repo, "--id", "t-00", "--commit", "abc", "--kind", "baseline", "--scenario", "checkout", "--limit", "5", "--page-token", "0"));

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        var sent = Assert.Single(coordinator.State.ListRequests, r => r.Repository == repo);
        Assert.Equal(("t-00", "abc", TestKind.Baseline, "checkout", 5, "0"), (sent.Id, sent.Commit, sent.Kind, sent.Scenario, sent.PageSize, sent.PageToken));
    }

    [Fact]
    public async Task List_MoreTestsThanTheLimit_PagesWithTheToken()
    {
        var repo = "acme/" + Guid.NewGuid().ToString("N");
        var ids = Enumerable.Range(0, 3).Select(_ => Seed.Test(coordinator.State, TestStatus.Scheduled, repo).Id).Order(StringComparer.Ordinal).ToList();

        var first = await CliRun.RunAsync(coordinator.Args("list", "--repo", repo, "--limit", "2", "-o", "json"));
        var firstPage = JsonParser.Default.Parse<ListTestsResponse>(first.Stdout);
        var second = await CliRun.RunAsync(coordinator.Args("list", "--repo", repo, "--limit", "2", "--page-token", firstPage.NextPageToken));

        Assert.Equal(ids[..2], firstPage.Tests.Select(t => t.Id));
        Assert.Equal(3, firstPage.Total);
        Assert.True(second.ExitCode == ExitCodes.Ok, second.ToString());
        Assert.Contains(ids[2], second.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(ids[0], second.Stdout, StringComparison.Ordinal);
        Assert.Contains("1 of 3 tests", second.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("next page", second.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_TablePage_PrintsHowToGetTheNextPage()
    {
        var repo = "acme/" + Guid.NewGuid().ToString("N");
        Seed.Test(coordinator.State, TestStatus.Scheduled, repo);
        Seed.Test(coordinator.State, TestStatus.Scheduled, repo);

        var run = await CliRun.RunAsync(coordinator.Args("list", "--repo", repo, "--limit", "1"));

        Assert.Contains("next page: --page-token 1", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_UnknownStatus_ExitsUsageListingTheChoices()
    {
        var run = await CliRun.RunAsync(coordinator.Args("list", "--status", "sleeping"));

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("'sleeping' is not one of: scheduled, assigned, running", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_NegativeLimit_ExitsUsage()
    {
        var run = await CliRun.RunAsync(coordinator.Args("list", "--limit", "-3"));

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--limit must not be negative", run.Stderr, StringComparison.Ordinal);
    }
}
