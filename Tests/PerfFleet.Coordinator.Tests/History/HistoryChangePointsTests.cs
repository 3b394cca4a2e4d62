using Grpc.Core;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Tests.Api;
using PerfFleet.Testing.Coordinator;

namespace PerfFleet.Coordinator.Tests.History;

/// <summary>LoadTests.History answers the baselines' steps and which baseline is pinned.</summary>
public sealed class HistoryChangePointsTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    private static readonly Metadata Admin = CoordinatorTestHost.Admin;
    private readonly PerfFleet.Contracts.V1.LoadTests.LoadTestsClient client = fixture.Host.LoadTests;

    [Fact]
    public async Task History_BaselinesWithAStep_AnswersTheStepAtTheFirstRunAfter()
    {
        var repository = BaselineRows.NewRepository();
        await using var db = fixture.Database.CreateDbContext();
        for (var i = 0; i < 12; i++)
        {
            await BaselineRows.AddAsync(db, repository, i, i < 6 ? 20 : 24);
        }

        var history = await client.HistoryAsync(new HistoryRequest { Repository = repository, Scenario = BaselineRows.Scenario, Query = BaselineRows.Query }, Admin);

        var step = Assert.Single(history.ChangePoints);
        Assert.Equal(6, step.Index);
        Assert.Equal(BaselineRows.Commit(6), step.Commit);
        Assert.Equal(history.Baselines[6].TestId, step.TestId);
        Assert.Equal(20, step.ChangePercent, 9);
        Assert.Equal(20, step.Before, 9);
        Assert.Equal(24, step.After, 9);
    }

    [Fact]
    public async Task History_FlatBaselines_AnswersNoStep()
    {
        var repository = BaselineRows.NewRepository();
        await using var db = fixture.Database.CreateDbContext();
        for (var i = 0; i < 12; i++)
        {
            await BaselineRows.AddAsync(db, repository, i, 20 + (i % 3 * 0.1));
        }

        var history = await client.HistoryAsync(new HistoryRequest { Repository = repository, Scenario = BaselineRows.Scenario, Query = BaselineRows.Query }, Admin);

        Assert.Equal(12, history.Baselines.Count);
        Assert.Empty(history.ChangePoints);
    }

    [Fact]
    public async Task History_PinnedBaseline_IsMarkedPinned()
    {
        var repository = BaselineRows.NewRepository();
        await using var db = fixture.Database.CreateDbContext();
        var first = await BaselineRows.AddAsync(db, repository, 0, 20);
        await BaselineRows.AddAsync(db, repository, 1, 20);
        await client.PinBaselineAsync(new PinBaselineRequest { Id = first.Id.ToString() }, Admin);

        var history = await client.HistoryAsync(new HistoryRequest { Repository = repository, Scenario = BaselineRows.Scenario, Query = BaselineRows.Query }, Admin);

        Assert.Equal([true, false], history.Baselines.Select(b => b.Pinned));
    }
}
