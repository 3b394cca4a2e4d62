using Grpc.Core;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Tests.Api;
using PerfFleet.Testing.Coordinator;

namespace PerfFleet.Coordinator.Tests.History;

/// <summary>
/// The default branch's history follows its commits' first-parent order (the depth workers
/// report), not the order the runs finished in: a baseline measured late for an older commit (a
/// bisection's) takes its commit's place. Runs whose depth is unknown come first, by FinishedAt.
/// </summary>
public sealed class HistoryAncestryOrderTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    private static readonly Metadata Admin = CoordinatorTestHost.Admin;
    private readonly PerfFleet.Contracts.V1.LoadTests.LoadTestsClient client = fixture.Host.LoadTests;

    [Fact]
    public async Task History_OlderCommitsFinishingLast_AreInCommitOrderAndTheStepIsAtItsCommit()
    {
        var repository = BaselineRows.NewRepository();
        await using var db = fixture.Database.CreateDbContext();
        // Commits 0..11, a 20 % step at commit 6; commits 5 and 6 (either side of the step) finish
        // last, after commit 11, as a bisection's runs would. By finishing time the history would
        // end 24, 24, 20, 24 and have no step at commit 6.
        int[] late = [5, 6];
        for (var i = 0; i < 12; i++)
        {
            await BaselineRows.AddAsync(db, repository, i, i < 6 ? 20 : 24, commitSequence: 100 + i, finishedHour: late.Contains(i) ? 20 + i : i);
        }

        var history = await client.HistoryAsync(new HistoryRequest { Repository = repository, Scenario = BaselineRows.Scenario, Query = BaselineRows.Query }, Admin);

        Assert.Equal(Enumerable.Range(0, 12).Select(BaselineRows.Commit), history.Baselines.Select(b => b.Commit));
        var step = Assert.Single(history.ChangePoints);
        Assert.Equal(BaselineRows.Commit(6), step.Commit);
        Assert.Equal(20, step.ChangePercent, 9);
    }

    [Fact]
    public async Task History_SomeDepthsUnknown_PutsThoseFirstByFinishingTimeThenTheKnownByDepth()
    {
        var repository = BaselineRows.NewRepository();
        await using var db = fixture.Database.CreateDbContext();
        await BaselineRows.AddAsync(db, repository, 0, 20, commitSequence: 7, finishedHour: 0);
        await BaselineRows.AddAsync(db, repository, 1, 20, commitSequence: null, finishedHour: 3);
        await BaselineRows.AddAsync(db, repository, 2, 20, commitSequence: 5, finishedHour: 4);
        await BaselineRows.AddAsync(db, repository, 3, 20, commitSequence: null, finishedHour: 1);

        var history = await client.HistoryAsync(new HistoryRequest { Repository = repository, Scenario = BaselineRows.Scenario, Query = BaselineRows.Query }, Admin);
        var baselines = await client.ListBaselinesAsync(new ListBaselinesRequest { Repository = repository, Scenario = BaselineRows.Scenario }, Admin);

        Assert.Equal([BaselineRows.Commit(3), BaselineRows.Commit(1), BaselineRows.Commit(2), BaselineRows.Commit(0)], history.Baselines.Select(b => b.Commit));
        Assert.Equal(BaselineRows.Commit(0), baselines.Baselines[0].Commit);
        Assert.Equal(baselines.Baselines[0].TestId, baselines.CurrentTestId);
    }
}
