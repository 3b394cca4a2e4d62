using PerfFleet.Cli.Tests.Fixture;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Cli.Tests.Commands;

/// <summary>
/// `perffleet bisect` against the real coordinator: a real git repository of 20 commits whose
/// 11th (index 10) adds a delay (+50 % latency from there on), its baselines measured at the
/// first six and last six commits, and the fixture's worker answering each paired run at its
/// commits' levels. The verdicts that steer the bisection are the coordinator's paired comparisons.
/// </summary>
[Collection(CoordinatorCollection.Name)]
public sealed class BisectCommandTests(CoordinatorFixture coordinator)
{
    private const int Commits = 20;
    private const int Delayed = 10;

    /// <summary>The first baseline after the step: the history's baselines are at 0..5 and 13..19.</summary>
    private const int FirstAfter = 13;
    private const double Before = Seed.BaselineLevel;
    private const double After = 30;

    [Fact]
    public async Task Bisect_NewestStepOfTheHistory_FindsTheCommitThatAddsTheDelay()
    {
        using var git = GitCommits.Create(Commits);
        var repo = await RegisterAsync(git);
        for (var i = 0; i < Commits; i++)
        {
            if (i < 6 || i >= FirstAfter)
            {
                await coordinator.Seed.CompletedAsync(Level(git, git.Commits[i]), repo, TestKind.Baseline, commit: git.Commits[i], commitSequence: i + 1);
            }
        }

        await using var player = new PairedRunPlayer(coordinator.Worker, repo, c => Level(git, c), c => git.Commits.ToList().IndexOf(c) + 1);
        var run = await CliRun.RunAsync(coordinator.Args("bisect", "--repo", repo, "--scenario", Seed.Scenario, "--query", Measurements.Query, "--git-dir", git.Directory));

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Contains($"newest step +50.0 % at {git.Commits[FirstAfter][..12]}", run.Stdout, StringComparison.Ordinal);
        Assert.Contains($"first bad commit: {git.Commits[Delayed]} ", run.Stdout, StringComparison.Ordinal);
        Assert.Contains($"last good commit: {git.Commits[Delayed - 1]}", run.Stdout, StringComparison.Ordinal);
        Assert.Contains($"{Measurements.Query}: regression +", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("20 → 30 (before → after", run.Stdout, StringComparison.Ordinal);

        // The range is the 8 commits after the last baseline before the step up to the first after
        // it: the bad end, then at most log2(8) = 3 commits, each measured against the good end.
        var answered = player.Answered.ToList();
        Assert.Equal(4, answered.Count);
        Assert.All(answered, a => Assert.Equal(git.Commits[5], a.BaselineCommit));
        Assert.Equal(git.Commits[FirstAfter], answered[0].Commit);
        Assert.All(answered, a => Assert.InRange(git.Commits.ToList().IndexOf(a.Commit), 6, FirstAfter));

        // The runs were baselines that finished after the newest one: the history takes them in
        // at their commits (their depths), and its step moves to the commit that made it.
        var history = await coordinator.Host.LoadTests.HistoryAsync(new HistoryRequest { Repository = repo, Scenario = Seed.Scenario, Query = Measurements.Query }, CoordinatorFixture.Admin);
        var order = history.Baselines.Select(b => git.Commits.ToList().IndexOf(b.Commit)).ToList();
        Assert.Equal(order.Order(), order);
        Assert.Equal(git.Commits[Delayed], history.ChangePoints[^1].Commit);
    }

    [Fact]
    public async Task Bisect_GivenRange_PrintsEachStepAndTheAnswer()
    {
        using var git = GitCommits.Create(Commits);
        var repo = await RegisterAsync(git);
        await using var player = new PairedRunPlayer(coordinator.Worker, repo, c => Level(git, c));

        var run = await CliRun.RunAsync(coordinator.Args("bisect", "--repo", repo, "--scenario", Seed.Scenario, "--query", Measurements.Query,
            "--good", git.Commits[Delayed - 5], "--bad", git.Commits[FirstAfter][..10], "--git-dir", git.Directory, "--pairs", "4"));

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Contains("over 8 first-parent commits", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("step 1 (at most 3 left)", run.Stdout, StringComparison.Ordinal);
        Assert.Contains($"first bad commit: {git.Commits[Delayed]} ", run.Stdout, StringComparison.Ordinal);
        var lines = run.Stdout.Split('\n');
        Assert.Contains(lines, l => l.Contains(": unchanged ", StringComparison.Ordinal) && l.EndsWith("bad)", StringComparison.Ordinal) && l.Contains(": good;", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bisect_RangeWithoutAStep_ExitsUndecidedSayingSo()
    {
        using var git = GitCommits.Create(8);
        var repo = await RegisterAsync(git);
        await using var player = new PairedRunPlayer(coordinator.Worker, repo, _ => Before);

        var run = await CliRun.RunAsync(coordinator.Args("bisect", "--repo", repo, "--scenario", Seed.Scenario, "--query", Measurements.Query,
            "--good", git.Commits[0], "--bad", git.Commits[7], "--git-dir", git.Directory));

        Assert.True(run.ExitCode == ExitCodes.Undecided, run.ToString());
        Assert.Contains($"no step in {Measurements.Query} between {git.Commits[0][..12]} and {git.Commits[7][..12]}", run.OneErrorLine(), StringComparison.Ordinal);
        Assert.Single(player.Answered);
    }

    [Fact]
    public async Task Bisect_CommitThatCannotBePlaced_FollowsItsExtraPairsThenStopsNamingTheNarrowedRange()
    {
        using var git = GitCommits.Create(5);
        var repo = await RegisterAsync(git);

        // The first commit measured (the middle of 1..4) is +9.9 %: past no doubt of a change, yet not
        // sure to be past the 10 % threshold. Inconclusive, it gets more pairs up to the maximum.
        await using var player = new PairedRunPlayer(coordinator.Worker, repo, c => git.Commits.ToList().IndexOf(c) switch
        {
            2 => Before * 1.099,
            4 => After,
            _ => Before,
        });

        var run = await CliRun.RunAsync(coordinator.Args("bisect", "--repo", repo, "--scenario", Seed.Scenario, "--query", Measurements.Query,
            "--good", git.Commits[0], "--bad", git.Commits[4], "--git-dir", git.Directory));

        Assert.True(run.ExitCode == ExitCodes.Undecided, run.ToString());
        Assert.Contains($"{git.Commits[2][..12]}: inconclusive so far, 5 more pairs", run.Stdout, StringComparison.Ordinal);
        var error = run.OneErrorLine();
        Assert.Contains($"{git.Commits[2][..12]} cannot be placed before or after the step in {Measurements.Query}: inconclusive", error, StringComparison.Ordinal);
        Assert.Contains($"the first bad commit is after {git.Commits[0][..12]} up to {git.Commits[4][..12]} (4 commits)", error, StringComparison.Ordinal);
        Assert.Contains(player.Answered, a => a.Commit == git.Commits[2]);
        Assert.True(player.Answered.Count(a => a.Commit == git.Commits[2]) > 1, "the coordinator's extra pairs were followed");
    }

    [Fact]
    public async Task Bisect_HistoryWithoutAStep_AsksForTheRange()
    {
        using var git = GitCommits.Create(2);
        var repo = await RegisterAsync(git);
        await coordinator.Seed.CompletedAsync(Before, repo, TestKind.Baseline, commit: git.Commits[0]);

        var run = await CliRun.RunAsync(coordinator.Args("bisect", "--repo", repo, "--scenario", Seed.Scenario, "--query", Measurements.Query, "--git-dir", git.Directory));

        Assert.True(run.ExitCode == ExitCodes.Undecided, run.ToString());
        Assert.Contains("has no step: give --good and --bad", run.OneErrorLine(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("same", "same commit")]
    [InlineData("unknown", "no such commit")]
    [InlineData("reversed", "is not on the first-parent history")]
    [InlineData("side", "is not on the first-parent history")]
    [InlineData("one-sided", "give both --good and --bad")]
    public async Task Bisect_BadRange_ExitsUsageBeforeSchedulingAnything(string range, string expected)
    {
        using var git = GitCommits.Create(4);
        var repo = await RegisterAsync(git);
        var flags = range switch
        {
            "same" => new[] { "--good", git.Commits[1], "--bad", git.Commits[1][..8] },
            "unknown" => ["--good", git.Commits[0], "--bad", "0123456789abcdef0123456789abcdef01234567"],
            "reversed" => ["--good", git.Commits[3], "--bad", git.Commits[0]],
            "side" => ["--good", git.SideCommit(git.Commits[1]), "--bad", git.Commits[3]],
            _ => ["--good", git.Commits[0]],
        };

        var run = await CliRun.RunAsync(coordinator.Args(["bisect", "--repo", repo, "--scenario", Seed.Scenario, "--query", Measurements.Query, "--git-dir", git.Directory, .. flags]));

        Assert.True(run.ExitCode == ExitCodes.Usage, run.ToString());
        Assert.Contains(expected, run.OneErrorLine(), StringComparison.Ordinal);
        var scheduled = await coordinator.Host.LoadTests.ListAsync(new ListTestsRequest { Repository = repo }, CoordinatorFixture.Admin);
        Assert.Empty(scheduled.Tests);
    }

    private static double Level(GitCommits git, string commit) => git.Commits.ToList().IndexOf(commit) >= Delayed ? After : Before;

    private async Task<string> RegisterAsync(GitCommits git)
    {
        var repo = Seed.NewRepository();
        await coordinator.Host.Repositories.RegisterAsync(new RepositoryRegistration { Name = repo, CloneUrl = git.CloneUrl }, CoordinatorFixture.Admin);
        return repo;
    }
}
