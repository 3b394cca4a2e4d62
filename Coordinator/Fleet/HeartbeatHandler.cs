using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.LoadTests;
using PerfFleet.Coordinator.Scheduling;
using PerfFleet.Coordinator.Storage;
using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.Fleet;

/// <summary>
/// A worker's heartbeat, on any coordinator: records its quota and each running test's
/// progress, moves assigned tests to Running (and Collecting) as the worker reports them, and
/// answers with what the database wants of that worker — stop the tests it should not run,
/// change the rate of those whose rate was updated. The tests the database gives the worker that
/// the heartbeat does not list go back to the queue at once (<see cref="HeldTests"/>): the worker
/// restarted (a new incarnation) or lost them, and no timeout would notice while it keeps beating.
/// </summary>
public sealed class HeartbeatHandler(
    IDbContextFactory<PerfFleetDbContext> contexts,
    WorkerHeartbeatWriter workerWriter,
    IOptions<SchedulingOptions> scheduling,
    TimeProvider time,
    ILogger<HeartbeatHandler> logger)
{
    /// <summary>How often workers are asked to send heartbeats.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    public async Task<HeartbeatResponse> HandleAsync(HeartbeatRequest request, CancellationToken cancellationToken)
    {
        PreviousHeartbeat? previous = null;
        var now = time.GetUtcNow();
        if (request.Running.Count == 0)
        {
            // Nothing to check or move on: one statement instead of a unit of work, unless the
            // database still gives the worker tests that it no longer runs.
            var idle = await workerWriter.WriteAsync(request, now, cancellationToken);
            if (idle.HeldTests == 0)
            {
                return new HeartbeatResponse { Interval = Duration.FromTimeSpan(Interval), Epoch = idle.Epoch, LeaderAddress = idle.LeaderAddress };
            }

            // The row before this heartbeat's upsert: read again now, it would show this heartbeat.
            previous = idle.Previous ?? new PreviousHeartbeat(null, now);
        }

        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var response = new HeartbeatResponse { Interval = Duration.FromTimeSpan(Interval) };
        var reportedIds = request.Running.Select(r => Guid.TryParse(r.TestId, out var id) ? id : Guid.Empty).Distinct().Order().ToArray();
        var connection = (NpgsqlConnection)context.Database.GetDbConnection();
        var dbTransaction = (NpgsqlTransaction)transaction.GetDbTransaction();
        previous ??= await WorkerHeartbeatWriter.ReadPreviousAsync(connection, dbTransaction, request.WorkerId, cancellationToken);

        // Locked (in id order, so two heartbeats cannot deadlock): without the lock, a report that
        // completes a test while this heartbeat runs would be overwritten by its older progress.
        var tests = await context.LoadTests
            .FromSql($"SELECT * FROM load_tests WHERE id = ANY({reportedIds}) ORDER BY id FOR UPDATE")
            .ToDictionaryAsync(t => t.Id, cancellationToken);
        foreach (var running in request.Running)
        {
            if (!Guid.TryParse(running.TestId, out var id) || !tests.TryGetValue(id, out var test))
            {
                response.Stop.Add(new StopCommand { TestId = running.TestId, Reason = "unknown test" });
                continue;
            }

            // A test the database no longer gives this worker (re-queued after a lost heartbeat,
            // or assigned elsewhere) must stop: no test runs on two workers at once.
            if (test.AssignedWorker != request.WorkerId || test.Attempts != running.Attempt || test.Status.IsTerminal())
            {
                response.Stop.Add(new StopCommand { TestId = running.TestId, Reason = "the test is no longer assigned to this worker" });
                continue;
            }

            if (test.Status == LoadTestStatus.Stopping)
            {
                response.Stop.Add(new StopCommand { TestId = running.TestId, Reason = test.StatusReason ?? "stopped" });
            }

            RecordProgress(context, test, running.Progress, now);
            if (test.Rate is { } wanted && running.Progress is { RequestedRate: > 0 } progress && Math.Abs(progress.RequestedRate - wanted) > 1e-6)
            {
                response.Update.Add(new UpdateCommand { TestId = running.TestId, Rate = wanted });
            }
        }

        // Only a test the worker reported as its own (this attempt) is held: an older attempt it
        // still runs is being stopped, and the current one is lost with it.
        var held = request.Running
            .Where(r => Guid.TryParse(r.TestId, out var id) && tests.TryGetValue(id, out var test) && test.AssignedWorker == request.WorkerId && test.Attempts == r.Attempt)
            .Select(r => Guid.Parse(r.TestId))
            .ToList();
        var restartedBefore = previous is not null && previous.IsOtherProcess(request.Incarnation) ? previous.At : (DateTimeOffset?)null;
        var givenBack = await HeldTests.GiveBackUnheldAsync(
            connection, dbTransaction, request.WorkerId, held, now - scheduling.Value.StartGrace, restartedBefore, now, cancellationToken);

        // The worker row last, as the claim and its release lock it after the test rows: one order, no deadlock.
        var recorded = await WorkerHeartbeatWriter.WriteAsync(connection, dbTransaction, request, now, cancellationToken);
        (response.Epoch, response.LeaderAddress) = (recorded.Epoch, recorded.LeaderAddress);
        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        foreach (var test in givenBack)
        {
            SchedulingLog.Swept(logger, test.TestId, test.WorkerId, test.NewStatus, test.Reason);
        }

        return response;
    }

    private static void RecordProgress(PerfFleetDbContext context, LoadTestEntity test, Progress? progress, DateTimeOffset now)
    {
        if (progress is null)
        {
            return;
        }

        test.ProgressPhase = progress.Phase.ToStored();
        test.ProgressElapsed = progress.Elapsed?.ToTimeSpan();
        test.ProgressAchievedRate = progress.AchievedRate;
        test.UpdatedAt = now;
        var next = progress.Phase switch
        {
            // Querying is still a run's work: a paired run queries after every repetition and then
            // starts the next, so only the results' report makes a test Collecting.
            RunPhase.Reporting => LoadTestStatus.Collecting,
            RunPhase.Unspecified => test.Status,
            _ => LoadTestStatus.Running,
        };

        // Forward only (Assigned → Running → Collecting); Stopping stays until the worker reports.
        if (test.Status is LoadTestStatus.Assigned or LoadTestStatus.Running && next > test.Status)
        {
            test.Status = next;
            test.StartedAt ??= now;
            TestJournal.AddStateEvent(context, test.Id, next, null, now);
        }
    }
}
