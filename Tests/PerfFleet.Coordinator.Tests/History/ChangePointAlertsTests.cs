using Microsoft.Extensions.Options;
using PerfFleet.Comparison;
using PerfFleet.Comparison.ChangePoints;
using PerfFleet.Coordinator.Comparison.ChangePoints;
using PerfFleet.Coordinator.Storage.Entities;
using PerfFleet.Testing.Postgres;

namespace PerfFleet.Coordinator.Tests.History;

/// <summary>ChangePointAlerts as the results ingestion calls it: once per completed baseline, over stored rows.</summary>
public sealed class ChangePointAlertsTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    private readonly ChangePointAlerts alerts = new(Options.Create(new ChangePointOptions()), Options.Create(new ComparisonOptions()));

    [Fact]
    public async Task ForNewBaselineAsync_BaselinesArrivingPastAStep_AlertsOnceNamingTheFirstCommitAfter()
    {
        var repository = BaselineRows.NewRepository();
        await using var db = database.CreateDbContext();
        var sent = new List<(int At, ChangePointAlert Alert)>();
        LoadTestEntity? firstAfter = null;
        for (var i = 0; i < 20; i++)
        {
            var baseline = await BaselineRows.AddAsync(db, repository, i, i < 8 ? 20 : 25);
            firstAfter ??= i == 8 ? baseline : null;
            sent.AddRange((await alerts.ForNewBaselineAsync(db, baseline, CancellationToken.None)).Select(a => (i, a)));
        }

        var (at, alert) = Assert.Single(sent);
        var options = new ChangePointOptions();
        Assert.Equal(8 + options.MinSegment + options.AlertSettle - 1, at);
        Assert.Equal(new ChangePointAlert(repository, BaselineRows.Scenario, BaselineRows.Query, BaselineRows.Commit(8), firstAfter!.Id, 25, 20, 25), alert);
    }

    [Fact]
    public async Task ForNewBaselineAsync_BaselinesOfOlderCommitsFillingTheHistoryIn_AlertNothingMore()
    {
        var repository = BaselineRows.NewRepository();
        await using var db = database.CreateDbContext();
        var sent = new List<ChangePointAlert>();

        // The branch's baselines at every other commit (even depths), a step at commit 10; then a
        // bisection measures the odd commits after them, each settling the step in a history no
        // baseline had as the newest.
        for (var i = 0; i < 26; i += 2)
        {
            var baseline = await BaselineRows.AddAsync(db, repository, i, i < 10 ? 20 : 25, commitSequence: i + 1);
            sent.AddRange(await alerts.ForNewBaselineAsync(db, baseline, CancellationToken.None));
        }

        for (var i = 1; i < 25; i += 2)
        {
            var fillIn = await BaselineRows.AddAsync(db, repository, i, i < 10 ? 20 : 25, commitSequence: i + 1, finishedHour: 30 + i);
            Assert.Empty(await alerts.ForNewBaselineAsync(db, fillIn, CancellationToken.None));
        }

        Assert.Equal(BaselineRows.Commit(10), Assert.Single(sent).Commit);
    }

    [Fact]
    public async Task ForNewBaselineAsync_FlatHistory_AlertsNothing()
    {
        var repository = BaselineRows.NewRepository();
        await using var db = database.CreateDbContext();
        for (var i = 0; i < 15; i++)
        {
            var baseline = await BaselineRows.AddAsync(db, repository, i, 20);
            Assert.Empty(await alerts.ForNewBaselineAsync(db, baseline, CancellationToken.None));
        }
    }

    [Fact]
    public async Task ForNewBaselineAsync_NotABaselineOrWithoutResults_AlertsNothing()
    {
        var repository = BaselineRows.NewRepository();
        await using var db = database.CreateDbContext();
        var test = await BaselineRows.AddAsync(db, repository, 0, 20, LoadTestKind.Test);
        var running = await BaselineRows.AddAsync(db, repository, 1, 20, LoadTestKind.Baseline, LoadTestStatus.Running);

        Assert.Empty(await alerts.ForNewBaselineAsync(db, test, CancellationToken.None));
        Assert.Empty(await alerts.ForNewBaselineAsync(db, running, CancellationToken.None));
    }
}
