using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Tests.Api;
using PerfFleet.Testing.Coordinator;
using static PerfFleet.Coordinator.Tests.Fleet.FleetTestData;

namespace PerfFleet.Coordinator.Tests.Fleet;

/// <summary>Fleet.ReportResults on a running coordinator: stored once, compared with the baseline, reported through the outbox.</summary>
public sealed class ReportResultsTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    private readonly CoordinatorTestHost host = fixture.Host;

    [Fact]
    public async Task ReportResults_SameReportTwice_StoredOnceSecondIsDuplicate()
    {
        var (test, workerId) = await AssignedTestAsync(Specs.ForRepository(Specs.NewRepository()));
        var report = Report(test.Id, workerId, level: 50);

        var first = await SendAsync(host, report);
        var afterFirst = await host.LoadTests.GetAsync(new GetTestRequest { Id = test.Id }, Admin);
        var second = await SendAsync(host, report);
        var afterSecond = await host.LoadTests.GetAsync(new GetTestRequest { Id = test.Id }, Admin);

        Assert.True(first.Accepted);
        Assert.False(first.Duplicate);
        Assert.True(second.Accepted);
        Assert.True(second.Duplicate);
        Assert.Equal(TestStatus.Completed, afterFirst.Test.Status);
        Assert.Equal(afterFirst, afterSecond);
        Assert.Equal(30, afterFirst.Queries.Single().Series.Single().Samples.Count);
        Assert.Equal(6000, afterFirst.Summary.Total.Requests);
        await using var context = fixture.Database.CreateDbContext();
        var id = Guid.Parse(test.Id);
        Assert.Equal(1, await context.TestResults.CountAsync(r => r.TestId == id));
        Assert.Equal(2, await context.ReportOutbox.CountAsync(o => o.TestId == id && o.Kind == "github.status")); // pending, then the end state once
    }

    [Fact]
    public async Task ReportResults_SlowerThanBaseline_RegressionConfirmedByAFreshRunThenTheStatusFails()
    {
        var repository = Specs.NewRepository();
        var (baseline, baselineWorker) = await AssignedTestAsync(Specs.ForRepository(repository, kind: TestKind.Baseline));
        await SendAsync(host, Report(baseline.Id, baselineWorker, level: 100));
        var prSpec = Specs.ForRepository(repository);
        prSpec.PullRequest = 42;
        var (test, workerId) = await AssignedTestAsync(prSpec);

        await SendAsync(host, Report(test.Id, workerId, level: 200));

        var details = await host.LoadTests.GetAsync(new GetTestRequest { Id = test.Id }, Admin);
        Assert.Equal(Verdict.Regression, details.Comparison.Verdict);
        Assert.Equal(Verdict.Regression, details.Test.Verdict);
        Assert.Equal(baseline.Id, details.Comparison.BaselineTestId);
        Assert.Equal(ConfirmationState.Pending, details.Comparison.Confirmation);
        await using var context = fixture.Database.CreateDbContext();
        var id = Guid.Parse(test.Id);
        var kinds = await context.ReportOutbox.Where(o => o.TestId == id).Select(o => o.Kind).ToListAsync();
        Assert.Equal(1, kinds.Count(k => k == "github.status")); // pending at schedule; the confirmation run has the final word
        Assert.Single(kinds, k => k == "github.comment");
        var confirmation = await context.LoadTests.AsNoTracking().SingleAsync(t => t.FollowUpOf == id);

        await AssignAsync(fixture.Database, confirmation.Id.ToString(), workerId);
        await SendAsync(host, Report(confirmation.Id.ToString(), workerId, level: 200));

        var confirmed = await host.LoadTests.GetAsync(new GetTestRequest { Id = confirmation.Id.ToString() }, Admin);
        Assert.Equal((Verdict.Regression, ConfirmationState.Confirmed), (confirmed.Comparison.Verdict, confirmed.Comparison.Confirmation));
        var final = await context.ReportOutbox.Where(o => o.TestId == confirmation.Id && o.Kind == "github.status").OrderByDescending(o => o.Id).FirstAsync();
        Assert.Contains("failure", final.Payload, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ReportResults_BaselineOfAnOlderCommitFinishingLast_IsJudgedOnTheBaselinesBeforeItsCommit()
    {
        var repository = Specs.NewRepository();
        var ids = new Dictionary<long, string>();
        foreach (var (sequence, level) in new (long, double)[] { (1, 100), (2, 100), (3, 100), (4, 100), (6, 200) })
        {
            ids[sequence] = await CompletedBaselineAsync(repository, sequence, level);
        }

        // Commit 5 is measured last (a bisection's run): the baselines before its commit are 1..4,
        // not the newest by finishing time (6, a step later).
        var late = await CompletedBaselineAsync(repository, 5, 100);

        var details = await host.LoadTests.GetAsync(new GetTestRequest { Id = late }, Admin);
        Assert.Equal(ids[4], details.PreviousBaseline.BaselineTestId);
        Assert.Equal(Verdict.Unchanged, details.PreviousBaseline.Verdict);
        Assert.Equal(4, details.PreviousBaseline.BaselineRuns);
        await using var context = fixture.Database.CreateDbContext();
        Assert.Equal(5, (await context.LoadTests.SingleAsync(t => t.Id == Guid.Parse(late))).CommitSequence);
    }

    [Fact]
    public async Task ReportResults_NewestBaselineWasNoisy_JudgedAgainstTheQuietOneBeforeIt()
    {
        var repository = Specs.NewRepository();
        var (quiet, quietWorker) = await AssignedTestAsync(Specs.ForRepository(repository, kind: TestKind.Baseline));
        await SendAsync(host, Report(quiet.Id, quietWorker, level: 100));
        var (noisy, noisyWorker) = await AssignedTestAsync(Specs.ForRepository(repository, kind: TestKind.Baseline));
        var busy = Report(noisy.Id, noisyWorker, level: 400).ToList();
        busy.Single(c => c.Summary is not null).Summary.Total.Late = 300; // 5 % of 6000 sent late: an overloaded machine
        await SendAsync(host, busy);
        var (test, workerId) = await AssignedTestAsync(Specs.ForRepository(repository));

        await SendAsync(host, Report(test.Id, workerId, level: 100));

        var details = await host.LoadTests.GetAsync(new GetTestRequest { Id = test.Id }, Admin);
        Assert.Equal(quiet.Id, details.Comparison.BaselineTestId);
        Assert.Equal(string.Empty, details.Comparison.Noise);
        var stored = (await host.LoadTests.GetAsync(new GetTestRequest { Id = noisy.Id }, Admin)).PreviousBaseline; // a baseline's own comparison
        Assert.Contains($"baseline {quiet.Id}", stored.Method, StringComparison.Ordinal); // stored and compared, only not used as the yardstick
        Assert.Contains("this run: 300 of 6000 requests (5 %) sent late", stored.Noise, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportResults_TestReassignedElsewhere_FailedPreconditionAndNothingStored()
    {
        var (test, workerId) = await AssignedTestAsync(Specs.ForRepository(Specs.NewRepository()));
        var otherWorker = "w-" + Guid.NewGuid().ToString("N");
        await host.FleetApi.HeartbeatAsync(Heartbeat(otherWorker), CoordinatorTestHost.Fleet);
        await AssignAsync(fixture.Database, test.Id, otherWorker, attempt: 2);

        await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => SendAsync(host, Report(test.Id, workerId, level: 50)));
        await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => SendAsync(host, Report(test.Id, otherWorker, level: 50, attempt: 1)));

        var details = await host.LoadTests.GetAsync(new GetTestRequest { Id = test.Id }, Admin);
        Assert.Equal(TestStatus.Assigned, details.Test.Status);
        Assert.Null(details.Summary);
    }

    private async Task<string> CompletedBaselineAsync(string repository, long commitSequence, double level)
    {
        var (test, workerId) = await AssignedTestAsync(Specs.ForRepository(repository, kind: TestKind.Baseline));
        var report = Report(test.Id, workerId, level);
        report[0].Header.CommitSequence = commitSequence;
        await SendAsync(host, report);
        return test.Id;
    }

    [Fact]
    public async Task ReportResults_UnknownTest_NotFound()
    {
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => SendAsync(host, Report(Guid.NewGuid().ToString(), "w", level: 1)));
    }

    [Fact]
    public async Task ReportResults_MalformedStreams_InvalidArgumentNamingWhatIsWrong()
    {
        var (test, workerId) = await AssignedTestAsync(Specs.ForRepository(Specs.NewRepository()));
        var report = Report(test.Id, workerId, level: 50);

        await RpcAssert.InvalidArgumentAsync("header", () => SendAsync(host, []));
        await RpcAssert.InvalidArgumentAsync("header", () => SendAsync(host, report.Skip(1)));
        await RpcAssert.InvalidArgumentAsync("header", () => SendAsync(host, [report[0], report[0], report[^1]]));
        await RpcAssert.InvalidArgumentAsync("final", () => SendAsync(host, report.Take(3)));
        await RpcAssert.InvalidArgumentAsync("chunk", () => SendAsync(host, [report[0], new ResultChunk(), report[^1]]));
        await RpcAssert.InvalidArgumentAsync("header.test_id", () => SendAsync(host, Report("not-a-uuid", workerId, level: 50)));
        await RpcAssert.InvalidArgumentAsync("final.status", () => SendAsync(host, Report(test.Id, workerId, level: 50, final: TestStatus.Running)));

        var details = await host.LoadTests.GetAsync(new GetTestRequest { Id = test.Id }, Admin);
        Assert.Equal(TestStatus.Assigned, details.Test.Status);
        Assert.Null(details.Summary);
    }

    private async Task<(LoadTest Test, string WorkerId)> AssignedTestAsync(LoadTestSpec spec)
    {
        var workerId = "w-" + Guid.NewGuid().ToString("N");
        await host.FleetApi.HeartbeatAsync(Heartbeat(workerId), CoordinatorTestHost.Fleet);
        var test = await ScheduleAsync(host, spec);
        await AssignAsync(fixture.Database, test.Id, workerId);
        return (test, workerId);
    }
}
