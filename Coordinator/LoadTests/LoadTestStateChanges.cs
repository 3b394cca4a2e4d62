using PerfFleet.Coordinator.Scheduling;
using Microsoft.EntityFrameworkCore;
using PerfFleet.Coordinator.Api;
using PerfFleet.Coordinator.Reporting;
using PerfFleet.Coordinator.Storage;
using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.LoadTests;

/// <summary>
/// State changes any coordinator may make (Stop, and Update of a test not yet assigned). Each
/// locks the test's row, so it is serialized with the leader's claim and the worker's reports.
/// </summary>
public sealed class LoadTestStateChanges(
    IDbContextFactory<PerfFleetDbContext> contexts,
    ReportMessageFactory reports,
    RunLinks links,
    TimeProvider time)
{
    /// <summary>
    /// Stops a test: a Scheduled one is Stopped at once (it never starts); an assigned or
    /// running one becomes Stopping and its worker learns it from its next heartbeat (and a
    /// direct call). Idempotent: a stopping or finished test is returned unchanged.
    /// </summary>
    public async Task<LoadTestEntity> StopAsync(Guid id, string reason, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var test = await LockAsync(context, id, cancellationToken);
        if (test.Status.IsTerminal() || test.Status == LoadTestStatus.Stopping)
        {
            return test;
        }

        var now = time.GetUtcNow();
        var why = string.IsNullOrWhiteSpace(reason) ? "stopped by request" : ApiErrors.Truncate(reason.Trim(), 500);
        test.StatusReason = why;
        test.UpdatedAt = now;
        if (test.Status == LoadTestStatus.Scheduled)
        {
            test.Status = LoadTestStatus.Stopped;
            test.FinishedAt = now;
            TestJournal.AddReports(context, test.Id, reports.ForCompletedTest(new CompletedTestReport(test.ToProto(links), null, null, null)), now);
        }
        else
        {
            test.Status = LoadTestStatus.Stopping;
        }

        TestJournal.AddStateEvent(context, test.Id, test.Status, why, now);
        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return test;
    }

    /// <summary>
    /// Changes rate and/or duration of a test no worker runs yet. Returns null when the test is
    /// assigned or running: then the leader must check the worker's quota (see LoadTestUpdates).
    /// </summary>
    public async Task<LoadTestEntity?> TryUpdateUnassignedAsync(Guid id, double? rate, TimeSpan? duration, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var test = await LockAsync(context, id, cancellationToken);
        if (test.Status.IsTerminal() || test.Status == LoadTestStatus.Stopping)
        {
            ApiErrors.FailedPrecondition($"test {id} is {test.Status.ToString().ToLowerInvariant()}: only a scheduled or running test can be updated");
        }

        if (test.Status != LoadTestStatus.Scheduled)
        {
            return null;
        }

        Apply(test, rate, duration, time.GetUtcNow());
        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return test;
    }

    public static void Apply(LoadTestEntity test, double? rate, TimeSpan? duration, DateTimeOffset now)
    {
        test.Rate = rate ?? test.Rate;
        test.Duration = duration ?? test.Duration;
        test.UpdatedAt = now;
    }

    public static async Task<LoadTestEntity> LockAsync(PerfFleetDbContext context, Guid id, CancellationToken cancellationToken)
    {
        var test = await context.LoadTests.FromSql($"SELECT * FROM load_tests WHERE id = {id} FOR UPDATE").SingleOrDefaultAsync(cancellationToken);
        if (test is null)
        {
            ApiErrors.NotFound($"no test with id {id}");
        }

        return test;
    }
}
