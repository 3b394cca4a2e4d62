using Google.Protobuf;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PerfFleet.Comparison;
using PerfFleet.Comparison.ChangePoints;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Api;
using PerfFleet.Coordinator.Comparison.ChangePoints;
using PerfFleet.Coordinator.LoadTests;
using PerfFleet.Coordinator.LoadTests.FollowUps;
using PerfFleet.Coordinator.Reporting;
using PerfFleet.Coordinator.Scheduling;
using PerfFleet.Coordinator.Storage;
using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.Fleet;

/// <summary>
/// Stores a worker's results (DESIGN.md step 4, "Collecting → Completed") in one transaction:
/// the results, the final state and its event, the comparison and the verdict, the follow-up run
/// that settles a verdict not yet final (more pairs, a confirmation; <see cref="FollowUpPlanner"/>),
/// and the outbox rows of the reports. (test id, attempt) makes it idempotent: a report sent
/// again after a lost answer changes nothing.
/// </summary>
public sealed class ResultsIngest(
    IDbContextFactory<PerfFleetDbContext> contexts,
    RunComparer comparer,
    IOptions<ComparisonOptions> comparison,
    ChangePointAlerts changePoints,
    ReportMessageFactory reports,
    LoadTestWriter writer,
    FollowUpPlanner followUps,
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
        var repetitions = results.Repetitions ?? [];
        context.TestResults.Add(new TestResultEntity
        {
            TestId = id,
            Attempt = results.Header.Attempt,
            WorkerId = results.Header.WorkerId,
            LoadSummary = results.Summary?.ToByteArray(),
            QueryResults = ResultPayloads.Pack(results.Queries),
            ResourceSeries = ResultPayloads.Pack(results.Resources),
            Repetitions = ResultPayloads.Pack(repetitions),
            StoredAt = now,
        });

        test.Status = FinalStatus(results.Final.Status, test.Status);
        test.StatusReason = results.Final.Reason.Length > 0 ? ApiErrors.Truncate(results.Final.Reason, 2000) : test.StatusReason;
        test.FinishedAt = now;
        test.UpdatedAt = now;
        test.StartedAt ??= results.Header.StartedAt?.ToDateTimeOffset();
        test.CommitSequence = results.Header.CommitSequence > 0 ? results.Header.CommitSequence : test.CommitSequence;
        TestJournal.AddStateEvent(context, id, test.Status, test.StatusReason, now);

        Contracts.V1.Comparison? comparison = null;
        var decision = FollowUpDecision.Final(ConfirmationState.Unspecified);
        if (test.Status == LoadTestStatus.Completed && test.Kind != LoadTestKind.Adhoc)
        {
            var poolRoot = await ComparisonInputs.PoolRootAsync(context, test, cancellationToken);
            var pooled = await ComparisonInputs.PooledRepetitionsAsync(context, test, poolRoot, repetitions, cancellationToken);
            comparison = await CompareAsync(context, test, results, pooled, cancellationToken);
            decision = followUps.Decide(test, poolRoot, comparison, ComparisonInputs.CompletePairs(pooled));
            comparison.Confirmation = decision.Confirmation;
            if (decision.Confirmation is ConfirmationState.Confirmed or ConfirmationState.NotConfirmed)
            {
                comparison.ConfirmationTestId = test.Id.ToString();
            }

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

        if (decision.SchedulesFollowUp)
        {
            var followUp = writer.Add(context, FollowUpOf(test, decision), now);
            test.StatusReason = ApiErrors.Truncate($"{decision.Reason} ({followUp.Id})", 2000);
        }

        // A baseline's comparison is with the baselines before it: reported as an alert, not a PR comment.
        var report = new CompletedTestReport(test.ToProto(links), comparison, test.Kind == LoadTestKind.Baseline ? comparison : null, null, Interim: decision.SchedulesFollowUp);
        TestJournal.AddReports(context, id, reports.ForCompletedTest(report), now);

        await context.SaveChangesAsync(cancellationToken);
        if (test.Kind == LoadTestKind.Baseline && test.Status == LoadTestStatus.Completed)
        {
            // The detector reads the stored history, this baseline included: after the save, inside the transaction.
            foreach (var step in await changePoints.ForNewBaselineAsync(context, test, cancellationToken))
            {
                TestJournal.AddReports(context, id, reports.ForChangePoint(step, links.Run(step.TestId)), now);
            }

            await context.SaveChangesAsync(cancellationToken);
        }

        if (decision.SchedulesFollowUp)
        {
            await SchedulingChannel.NotifyAsync(context.Database, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        response.Accepted = true;
        return response;
    }

    /// <summary>
    /// A paired run is judged on its pooled repetitions; an unpaired one against the stored
    /// baselines (the pinned one, else the newest few).
    /// </summary>
    private async Task<Contracts.V1.Comparison> CompareAsync(PerfFleetDbContext context, LoadTestEntity test, ReceivedResults results, IReadOnlyList<Repetition> pooled, CancellationToken cancellationToken)
    {
        var run = new RunMeasurements(test.Id.ToString(), test.Commit, results.Queries, results.Summary, Resources: results.Resources, Repetitions: pooled);
        if (pooled.Count > 0)
        {
            return comparer.ComparePaired(run);
        }

        var baselines = await ComparisonInputs.BaselineHistoryAsync(context, test, comparison.Value, cancellationToken);
        return comparer.CompareWithHistory(run, baselines);
    }

    /// <summary>
    /// The follow-up runs exactly what <paramref name="test"/> ran, with the pairs the decision asks
    /// for; a confirmation prefers another worker than the one that found the regression (issue 13:
    /// "on another worker when there is one").
    /// </summary>
    private static NewLoadTest FollowUpOf(LoadTestEntity test, FollowUpDecision decision)
    {
        var spec = test.ToSpec();
        spec.Pairs = spec.BaselineCommit.Length > 0 ? decision.Pairs : 0;
        var avoid = decision.Kind == TestFollowUp.Confirmation ? test.AssignedWorker : null;
        return new NewLoadTest(spec, FollowUpOf: decision.Of, FollowUp: decision.Kind, Reason: decision.Reason, AvoidWorker: avoid);
    }

    private static LoadTestStatus FinalStatus(TestStatus reported, LoadTestStatus current) => reported switch
    {
        TestStatus.Completed => current == LoadTestStatus.Stopping ? LoadTestStatus.Stopped : LoadTestStatus.Completed,
        TestStatus.Stopped => LoadTestStatus.Stopped,
        TestStatus.Failed => LoadTestStatus.Failed,
        _ => throw ApiErrors.InvalidArgumentError("final.status", $"{reported} is not a final status (COMPLETED, FAILED or STOPPED)"),
    };
}
