using Microsoft.EntityFrameworkCore;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Storage.Entities;
using PerfFleet.Coordinator.Tests.Api;
using PerfFleet.Testing.Coordinator;
using static PerfFleet.Coordinator.Tests.Fleet.FleetTestData;

namespace PerfFleet.Coordinator.Tests.Fleet;

/// <summary>
/// Paired runs on a running coordinator: the repetitions are stored and judged, an inconclusive
/// run gets more pairs, and a pull request's regression fails the check only once a fresh run
/// confirms it.
/// </summary>
public sealed class PairedVerdictTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    private const int Pairs = 5;
    private readonly CoordinatorTestHost host = fixture.Host;

    [Fact]
    public async Task Paired_NoChange_UnchangedWithIntervalAndPairsAndNoFollowUp()
    {
        var (test, worker, spec) = await PairedTestAsync();

        await SendAsync(host, PairedReports.Report(test.Id, worker, spec.BaselineCommit, spec.Commit, PairedReports.Levels(100, Pairs), PairedReports.Levels(100.2, Pairs)));

        var details = await host.LoadTests.GetAsync(new GetTestRequest { Id = test.Id }, Admin);
        Assert.Equal(Verdict.Unchanged, details.Comparison.Verdict);
        Assert.Equal(Pairs, details.Comparison.Pairs);
        var query = details.Comparison.Metrics.Single(m => m.Metric == PairedReports.QueryName);
        Assert.Equal(Pairs, query.Pairs);
        Assert.True(query.CiLowPercent < query.ChangePercent && query.ChangePercent < query.CiHighPercent, $"{query.CiLowPercent} {query.ChangePercent} {query.CiHighPercent}");
        Assert.Empty(await FollowUpsAsync(test.Id));
        var final = await LastStatusAsync(test.Id);
        Assert.Contains("success", final, StringComparison.Ordinal);
        var comment = await CommentAsync(test.Id);
        Assert.Contains("5 pairs", comment, StringComparison.Ordinal);
        await using var context = fixture.Database.CreateDbContext();
        var stored = await context.TestResults.SingleAsync(r => r.TestId == Guid.Parse(test.Id));
        Assert.NotEmpty(stored.Repetitions);
    }

    [Fact]
    public async Task Paired_Regression_ConfirmedByAFreshRunBeforeTheCheckFails()
    {
        var (test, worker, spec) = await PairedTestAsync();

        await SendAsync(host, PairedReports.Report(test.Id, worker, spec.BaselineCommit, spec.Commit, PairedReports.Levels(100, Pairs), PairedReports.Levels(130, Pairs)));

        var first = await host.LoadTests.GetAsync(new GetTestRequest { Id = test.Id }, Admin);
        Assert.Equal(Verdict.Regression, first.Comparison.Verdict);
        Assert.Equal(ConfirmationState.Pending, first.Comparison.Confirmation);
        var confirmation = Assert.Single(await FollowUpsAsync(test.Id));
        Assert.Equal(TestFollowUp.Confirmation, confirmation.FollowUp);
        Assert.Equal(LoadTestStatus.Scheduled, confirmation.Status);
        Assert.Equal((spec.Commit, spec.BaselineCommit, Pairs), (confirmation.Commit, confirmation.BaselineCommit, confirmation.Pairs));
        Assert.Equal(worker, confirmation.AvoidWorker);
        // No failure yet, no alert: only the first pending status and the confirmation's pending one.
        Assert.DoesNotContain("failure", await LastStatusAsync(test.Id), StringComparison.Ordinal);
        Assert.Contains("confirming", await LastStatusAsync(confirmation.Id.ToString()), StringComparison.Ordinal);
        Assert.Contains("confirming it before the check fails", await CommentAsync(test.Id), StringComparison.Ordinal);

        await AssignAsync(fixture.Database, confirmation.Id.ToString(), worker);
        await SendAsync(host, PairedReports.Report(confirmation.Id.ToString(), worker, spec.BaselineCommit, spec.Commit, PairedReports.Levels(100, Pairs), PairedReports.Levels(128, Pairs)));

        var confirmed = await host.LoadTests.GetAsync(new GetTestRequest { Id = confirmation.Id.ToString() }, Admin);
        Assert.Equal(Verdict.Regression, confirmed.Comparison.Verdict);
        Assert.Equal(ConfirmationState.Confirmed, confirmed.Comparison.Confirmation);
        Assert.Contains("failure", await LastStatusAsync(confirmation.Id.ToString()), StringComparison.Ordinal);
        Assert.Contains("**confirmed**", await CommentAsync(confirmation.Id.ToString()), StringComparison.Ordinal);
        Assert.Empty(await FollowUpsAsync(confirmation.Id.ToString()));
    }

    [Fact]
    public async Task Paired_RegressionNotReproduced_NotConfirmedAndTheCheckPasses()
    {
        var (test, worker, spec) = await PairedTestAsync();
        await SendAsync(host, PairedReports.Report(test.Id, worker, spec.BaselineCommit, spec.Commit, PairedReports.Levels(100, Pairs), PairedReports.Levels(130, Pairs)));
        var confirmation = Assert.Single(await FollowUpsAsync(test.Id));

        await AssignAsync(fixture.Database, confirmation.Id.ToString(), worker);
        await SendAsync(host, PairedReports.Report(confirmation.Id.ToString(), worker, spec.BaselineCommit, spec.Commit, PairedReports.Levels(100, Pairs), PairedReports.Levels(100.1, Pairs)));

        var settled = await host.LoadTests.GetAsync(new GetTestRequest { Id = confirmation.Id.ToString() }, Admin);
        Assert.Equal(ConfirmationState.NotConfirmed, settled.Comparison.Confirmation);
        Assert.NotEqual(Verdict.Regression, settled.Comparison.Verdict);
        Assert.Contains("success", await LastStatusAsync(confirmation.Id.ToString()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Paired_Inconclusive_MorePairsPooledWithTheFirstOnes()
    {
        var (test, worker, spec) = await PairedTestAsync();
        // A +5 % shift under noise of +/- 15 %: neither past the threshold nor inside it.
        double[] noisy = [1.20, 0.88, 1.18, 0.90, 1.10];
        var baseline = PairedReports.Levels(100, Pairs);
        await SendAsync(host, PairedReports.Report(test.Id, worker, spec.BaselineCommit, spec.Commit, baseline, [.. baseline.Select((b, i) => b * noisy[i])]));

        var first = await host.LoadTests.GetAsync(new GetTestRequest { Id = test.Id }, Admin);
        Assert.Equal(Verdict.Inconclusive, first.Comparison.Verdict);
        var more = Assert.Single(await FollowUpsAsync(test.Id));
        Assert.Equal(TestFollowUp.MorePairs, more.FollowUp);
        Assert.Equal(Pairs, more.Pairs);
        Assert.Contains("more pairs", await LastStatusAsync(more.Id.ToString()), StringComparison.Ordinal);

        await AssignAsync(fixture.Database, more.Id.ToString(), worker);
        await SendAsync(host, PairedReports.Report(more.Id.ToString(), worker, spec.BaselineCommit, spec.Commit, PairedReports.Levels(100, Pairs), PairedReports.Levels(100.1, Pairs)));

        var pooled = await host.LoadTests.GetAsync(new GetTestRequest { Id = more.Id.ToString() }, Admin);
        Assert.Equal(2 * Pairs, pooled.Comparison.Pairs);
    }

    [Fact]
    public async Task Paired_HostileRepetitions_InvalidArgumentNamingTheFieldAndNothingStored()
    {
        var (test, worker, spec) = await PairedTestAsync();
        var report = PairedReports.Report(test.Id, worker, spec.BaselineCommit, spec.Commit, PairedReports.Levels(100, 2), PairedReports.Levels(100, 2)).ToList();
        var noRole = report.Select(c => c.Clone()).ToList();
        noRole.First(c => c.Repetition is not null).Repetition.Role = RepetitionRole.Unspecified;
        var badPair = report.Select(c => c.Clone()).ToList();
        badPair.First(c => c.Repetition is not null).Repetition.Pair = -3;

        await RpcAssert.InvalidArgumentAsync("repetition.role", () => SendAsync(host, noRole));
        await RpcAssert.InvalidArgumentAsync("repetition.pair", () => SendAsync(host, badPair));

        var details = await host.LoadTests.GetAsync(new GetTestRequest { Id = test.Id }, Admin);
        Assert.Equal(TestStatus.Assigned, details.Test.Status);
        Assert.Null(details.Summary);
    }

    [Fact]
    public async Task Schedule_BadBaselineCommitOrPairs_InvalidArgumentNamingTheField()
    {
        var spec = Specs.ForRepository(Specs.NewRepository());
        spec.BaselineCommit = "not-a-sha";
        await RpcAssert.InvalidArgumentAsync("spec.baseline_commit", () => ScheduleAsync(host, spec));
        spec.BaselineCommit = Specs.NewCommit();
        spec.Pairs = 51;
        await RpcAssert.InvalidArgumentAsync("spec.pairs", () => ScheduleAsync(host, spec));
        spec.Pairs = -1;
        await RpcAssert.InvalidArgumentAsync("spec.pairs", () => ScheduleAsync(host, spec));
        spec.BaselineCommit = string.Empty;
        spec.Pairs = 3;
        await RpcAssert.InvalidArgumentAsync("spec.pairs", () => ScheduleAsync(host, spec));
    }

    private async Task<(LoadTest Test, string WorkerId, LoadTestSpec Spec)> PairedTestAsync()
    {
        var spec = Specs.ForRepository(Specs.NewRepository());
        spec.PullRequest = 7;
        spec.BaselineCommit = Specs.NewCommit();
        spec.Pairs = Pairs;
        var workerId = "w-" + Guid.NewGuid().ToString("N");
        await host.FleetApi.HeartbeatAsync(Heartbeat(workerId), CoordinatorTestHost.Fleet);
        var test = await ScheduleAsync(host, spec);
        await AssignAsync(fixture.Database, test.Id, workerId);
        return (test, workerId, spec);
    }

    private async Task<List<LoadTestEntity>> FollowUpsAsync(string testId)
    {
        await using var context = fixture.Database.CreateDbContext();
        var id = Guid.Parse(testId);
        return await context.LoadTests.AsNoTracking().Where(t => t.FollowUpOf == id).ToListAsync();
    }

    private async Task<string> LastStatusAsync(string testId)
    {
        await using var context = fixture.Database.CreateDbContext();
        var id = Guid.Parse(testId);
        return await context.ReportOutbox.Where(o => o.TestId == id && o.Kind == "github.status").OrderByDescending(o => o.Id).Select(o => o.Payload).FirstAsync();
    }

    private async Task<string> CommentAsync(string testId)
    {
        await using var context = fixture.Database.CreateDbContext();
        var id = Guid.Parse(testId);
        return await context.ReportOutbox.Where(o => o.TestId == id && o.Kind == "github.comment").OrderByDescending(o => o.Id).Select(o => o.Payload).FirstAsync();
    }
}
