using Google.Protobuf;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Api;
using PerfFleet.Coordinator.Comparison;
using PerfFleet.Coordinator.LoadTests;
using PerfFleet.Coordinator.Reporting;
using PerfFleet.Coordinator.Storage;
using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.Fleet;

/// <summary>
/// Stores a worker's results (DESIGN.md step 4, "Collecting → Completed") in one transaction:
/// the results, the final state and its event, the comparison with the baseline and the verdict,
/// and the outbox rows of the reports. (test id, attempt) makes it idempotent: a report sent
/// again after a lost answer changes nothing.
/// </summary>
public sealed class ResultsIngest(
    IDbContextFactory<PerfFleetDbContext> contexts,
    RunComparer comparer,
    ReportMessageFactory reports,
    RunLinks links,
    TimeProvider time)
{
    public async Task<ReportResultsResponse> StoreAsync(ReceivedResults results, CancellationToken cancellationToken)
    {
        var id = ApiErrors.ParseId(results.Header.TestId, "header.test_id");
        var response = new ReportResultsResponse { TestId = id.ToString() };
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var test = await LoadTestStateChanges.LockAsync(context, id, cancellationToken);
        if (await context.TestResults.AnyAsync(r => r.TestId == id && r.Attempt == results.Header.Attempt, cancellationToken))
        {
            response.Accepted = true;
            response.Duplicate = true;
            return response;
        }

        if (test.AssignedWorker != results.Header.WorkerId || test.Attempts != results.Header.Attempt || test.Status.IsTerminal())
        {
            ApiErrors.FailedPrecondition($"test {id} attempt {results.Header.Attempt} is no longer assigned to worker {results.Header.WorkerId}: its results are not stored");
        }

        var now = time.GetUtcNow();
        context.TestResults.Add(new TestResultEntity
        {
            TestId = id,
            Attempt = results.Header.Attempt,
            WorkerId = results.Header.WorkerId,
            LoadSummary = results.Summary?.ToByteArray(),
            QueryResults = ResultPayloads.Pack(results.Queries),
            ResourceSeries = ResultPayloads.Pack(results.Resources),
            StoredAt = now,
        });

        test.Status = FinalStatus(results.Final.Status, test.Status);
        test.StatusReason = results.Final.Reason.Length > 0 ? ApiErrors.Truncate(results.Final.Reason, 2000) : test.StatusReason;
        test.FinishedAt = now;
        test.UpdatedAt = now;
        test.StartedAt ??= results.Header.StartedAt?.ToDateTimeOffset();
        context.TestStateEvents.Add(new TestStateEventEntity { TestId = id, Status = test.Status, Reason = test.StatusReason, At = now });

        Contracts.V1.Comparison? comparison = null;
        if (test.Status == LoadTestStatus.Completed && test.Kind != LoadTestKind.Adhoc)
        {
            comparison = await CompareAsync(context, test, results, cancellationToken);
            test.Verdict = comparison.Verdict.ToEntity();
            context.Comparisons.Add(new ComparisonEntity
            {
                TestId = id,
                BaselineTestId = Guid.TryParse(comparison.BaselineTestId, out var baselineId) ? baselineId : null,
                Verdict = test.Verdict ?? TestVerdict.Error,
                Metrics = comparison.ToByteArray(),
                ComputedAt = now,
            });
        }

        // A baseline's comparison is with the baseline before it: reported as an alert, not a PR comment.
        var report = new CompletedTestReport(test.ToProto(links), comparison, test.Kind == LoadTestKind.Baseline ? comparison : null, null);
        foreach (var message in reports.ForCompletedTest(report))
        {
            context.ReportOutbox.Add(new ReportOutboxEntity { Kind = message.Kind, TestId = id, Payload = message.Payload, NextAttemptAt = now, CreatedAt = now });
        }

        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        response.Accepted = true;
        return response;
    }

    private async Task<Contracts.V1.Comparison> CompareAsync(PerfFleetDbContext context, LoadTestEntity test, ReceivedResults results, CancellationToken cancellationToken)
    {
        // The master set: the newest completed baseline of the same repository and scenario.
        var baseline = await context.LoadTests.AsNoTracking()
            .Where(t => t.Id != test.Id && t.Repository == test.Repository && t.Scenario == test.Scenario && t.Kind == LoadTestKind.Baseline && t.Status == LoadTestStatus.Completed)
            .OrderByDescending(t => t.FinishedAt)
            .FirstOrDefaultAsync(cancellationToken);
        var baselineRun = baseline is null ? null : await StoredRuns.LoadAsync(context, baseline, cancellationToken);

        var testRun = new RunMeasurements(test.Id.ToString(), test.Commit, results.Queries, results.Summary, Resources: results.Resources);
        return comparer.Compare(testRun, baselineRun);
    }

    private static LoadTestStatus FinalStatus(TestStatus reported, LoadTestStatus current) => reported switch
    {
        TestStatus.Completed => current == LoadTestStatus.Stopping ? LoadTestStatus.Stopped : LoadTestStatus.Completed,
        TestStatus.Stopped => LoadTestStatus.Stopped,
        TestStatus.Failed => LoadTestStatus.Failed,
        _ => throw ApiErrors.InvalidArgumentError("final.status", $"{reported} is not a final status (COMPLETED, FAILED or STOPPED)"),
    };
}
