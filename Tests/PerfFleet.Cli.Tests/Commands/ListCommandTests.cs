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
        var repo = Seed.NewRepository();
        var running = await coordinator.Seed.RunningAsync(repo);
        var failed = await coordinator.Seed.FailedAsync("stack did not start", repo);
        var completed = await coordinator.Seed.CompletedAsync(Seed.BaselineLevel, repo);

        var run = await CliRun.RunAsync(coordinator.Args("list", "--repo", repo, "--status", "running", "--status", "TEST_STATUS_FAILED"));

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Contains(running.Id, run.Stdout, StringComparison.Ordinal);
        Assert.Contains(failed.Id, run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(completed.Id, run.Stdout, StringComparison.Ordinal);
        Assert.Contains("2 of 2 tests", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_EveryFilter_NarrowsToTheOneMatchingTest()
    {
        var repo = Seed.NewRepository();
        var wanted = await coordinator.Seed.ScheduledAsync(repo, TestKind.Baseline, scenario: "checkout");
        var otherKind = await coordinator.Seed.ScheduledAsync(repo, TestKind.Test, scenario: "checkout");
        var otherScenario = await coordinator.Seed.ScheduledAsync(repo, TestKind.Baseline, scenario: "search");
        var elsewhere = await coordinator.Seed.ScheduledAsync(kind: TestKind.Baseline, scenario: "checkout");

        var run = await CliRun.RunAsync(coordinator.Args(
            "list", "--repo", repo, "--id", wanted.Id[..8], "--commit", wanted.Spec.Commit[..10], "--kind", "baseline", "--scenario", "checkout", "--limit", "5", "-o", "json"));

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        var listed = JsonParser.Default.Parse<ListTestsResponse>(run.Stdout);
        Assert.Equal([wanted.Id], listed.Tests.Select(t => t.Id));
        Assert.DoesNotContain(otherKind.Id, run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(otherScenario.Id, run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(elsewhere.Id, run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_IdSuffixAsTheWebUiShowsIt_FindsTheTest()
    {
        var wanted = await coordinator.Seed.ScheduledAsync();
        await coordinator.Seed.ScheduledAsync(wanted.Spec.Repository);

        var run = await CliRun.RunAsync(coordinator.Args("list", "--id", wanted.Id[^8..], "-o", "json"));

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Equal([wanted.Id], JsonParser.Default.Parse<ListTestsResponse>(run.Stdout).Tests.Select(t => t.Id));
    }

    [Fact]
    public async Task List_MoreTestsThanTheLimit_PagesWithTheToken()
    {
        var repo = Seed.NewRepository();
        var oldestFirst = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            oldestFirst.Add((await coordinator.Seed.ScheduledAsync(repo)).Id);
        }

        var first = await CliRun.RunAsync(coordinator.Args("list", "--repo", repo, "--limit", "2", "-o", "json"));
        var firstPage = JsonParser.Default.Parse<ListTestsResponse>(first.Stdout);
        var second = await CliRun.RunAsync(coordinator.Args("list", "--repo", repo, "--limit", "2", "--page-token", firstPage.NextPageToken));

        // The coordinator lists newest first.
        Assert.Equal([oldestFirst[2], oldestFirst[1]], firstPage.Tests.Select(t => t.Id));
        Assert.Equal(3, firstPage.Total);
        Assert.True(second.ExitCode == ExitCodes.Ok, second.ToString());
        Assert.Contains(oldestFirst[0], second.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(oldestFirst[2], second.Stdout, StringComparison.Ordinal);
        Assert.Contains("1 of 3 tests", second.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("next page", second.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_TablePage_PrintsHowToGetTheNextPage()
    {
        var repo = Seed.NewRepository();
        await coordinator.Seed.ScheduledAsync(repo);
        await coordinator.Seed.ScheduledAsync(repo);
        var asJson = await CliRun.RunAsync(coordinator.Args("list", "--repo", repo, "--limit", "1", "-o", "json"));
        var token = JsonParser.Default.Parse<ListTestsResponse>(asJson.Stdout).NextPageToken;

        var run = await CliRun.RunAsync(coordinator.Args("list", "--repo", repo, "--limit", "1"));

        Assert.NotEqual("", token);
        Assert.Contains($"next page: --page-token {token}", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_PageTokenNotFromTheCoordinator_ExitsInvalidArgumentNamingTheField()
    {
        var run = await CliRun.RunAsync(coordinator.Args("list", "--page-token", "0"));

        Assert.Equal(ExitCodes.InvalidArgument, run.ExitCode);
        Assert.Equal("error: invalid argument: page_token: is not a token from a previous List answer", run.OneErrorLine());
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
