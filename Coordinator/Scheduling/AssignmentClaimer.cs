using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using PerfFleet.Coordinator.Leadership;
using PerfFleet.Coordinator.Storage;
using PerfFleet.Coordinator.Storage.Configurations;
using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.Scheduling;

/// <summary>
/// The atomic claim: in one transaction fenced by the leader's epoch, pick the oldest
/// highest-priority Scheduled test and a live worker with room for it, and write Assigned.
/// Guarantee: a test is Assigned to at most one worker at a time (row locks + the status
/// condition), and only by the current epoch. The Start call happens after the commit; if the
/// leader dies in between, the liveness sweep's assignment timeout gives the test back.
/// </summary>
public sealed class AssignmentClaimer(PerfFleetDatabase database, IOptions<SchedulingOptions> options, TimeProvider timeProvider)
{
    private static readonly SnakeCaseEnumConverter<LoadTestStatus> StatusConverter = new();
    private readonly SchedulingOptions settings = options.Value;

    /// <summary>The claimed assignment, or null when no test waits or no worker has room.</summary>
    /// <exception cref="FencedOutException"><paramref name="epoch"/> is no longer the leadership epoch.</exception>
    public async Task<ClaimedAssignment?> TryClaimNextAsync(long epoch, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await EpochFence.EnsureCurrentAsync(connection, transaction, epoch, cancellationToken);
        var now = timeProvider.GetUtcNow();

        // Checkpoint 1: the test row is locked; no other claim can take it until we end.
        Guid testId;
        double rate;
        await using (var pickTest = new NpgsqlCommand(SchedulingSql.PickTest, connection, transaction))
        await using (var reader = await pickTest.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            (testId, rate) = (reader.GetGuid(0), reader.GetDouble(1));
        }

        // Checkpoint 2: a worker row is locked and re-checked with a fresh snapshot.
        string workerId;
        await using (var pickWorker = new NpgsqlCommand(SchedulingSql.PickWorker, connection, transaction))
        {
            pickWorker.Parameters.AddWithValue("fresh_since", now - settings.LivenessTimeout);
            pickWorker.Parameters.AddWithValue("rate", rate);
            if (await pickWorker.ExecuteScalarAsync(cancellationToken) is not string picked)
            {
                return null;
            }

            workerId = picked;
        }

        await using (var recheck = new NpgsqlCommand(SchedulingSql.WorkerStillFits, connection, transaction))
        {
            recheck.Parameters.AddWithValue("worker", workerId);
            recheck.Parameters.AddWithValue("rate", rate);
            if (await recheck.ExecuteScalarAsync(cancellationToken) is not true)
            {
                return null;
            }
        }

        // Checkpoint 3: Assigned(worker, epoch) and its event commit together, or not at all.
        await using (var assign = new NpgsqlCommand(SchedulingSql.Assign, connection, transaction))
        {
            assign.Parameters.AddWithValue("id", testId);
            assign.Parameters.AddWithValue("worker", workerId);
            assign.Parameters.AddWithValue("epoch", epoch);
            assign.Parameters.AddWithValue("now", now);
            if (await assign.ExecuteNonQueryAsync(cancellationToken) != 1)
            {
                return null;
            }
        }

        await InsertEventAsync(connection, transaction, testId, LoadTestStatus.Assigned, $"assigned to worker {workerId} (epoch {epoch})", now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        await using var context = new PerfFleetDbContext(PerfFleetDbContextFactory.CreateOptions(database.ConnectionString));
        var test = await context.LoadTests.AsNoTracking().SingleAsync(t => t.Id == testId, cancellationToken);
        var worker = await context.Workers.AsNoTracking().SingleAsync(w => w.Id == workerId, cancellationToken);
        return new ClaimedAssignment(test, worker, epoch);
    }

    /// <summary>
    /// Applies a dispatch outcome other than Accepted: quota refusals give the attempt back and
    /// mark the worker full until its next heartbeat; unreachable workers count the attempt.
    /// Fenced, and only while the test is still this assignment. Returns the test's new status,
    /// or null when nothing changed (stale epoch case, or the test moved on meanwhile).
    /// </summary>
    public async Task<LoadTestStatus?> ReleaseAsync(ClaimedAssignment assignment, DispatchResult result, CancellationToken cancellationToken)
    {
        if (result.Outcome is DispatchOutcome.Accepted or DispatchOutcome.EpochRejected)
        {
            // Accepted: the worker reports progress from now on. EpochRejected: a newer leader owns the test now.
            return null;
        }

        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await EpochFence.EnsureCurrentAsync(connection, transaction, assignment.Epoch, cancellationToken);
        var now = timeProvider.GetUtcNow();
        var quota = result.Outcome == DispatchOutcome.QuotaExhausted;
        var reason = quota
            ? $"worker {assignment.Worker.Id} had no room: {result.Message ?? "resource exhausted"}"
            : $"worker {assignment.Worker.Id} unreachable: {result.Message ?? "no answer"}";

        await using var release = new NpgsqlCommand(quota ? SchedulingSql.ReturnForQuota : SchedulingSql.ReturnUnreachable, connection, transaction);
        release.Parameters.AddWithValue("id", assignment.Test.Id);
        release.Parameters.AddWithValue("worker", assignment.Worker.Id);
        release.Parameters.AddWithValue("epoch", assignment.Epoch);
        release.Parameters.AddWithValue("now", now);
        release.Parameters.AddWithValue("reason", reason);
        LoadTestStatus? status;
        if (quota)
        {
            status = await release.ExecuteNonQueryAsync(cancellationToken) == 1 ? LoadTestStatus.Scheduled : null;
            await using var markFull = new NpgsqlCommand(SchedulingSql.MarkWorkerFull, connection, transaction);
            markFull.Parameters.AddWithValue("worker", assignment.Worker.Id);
            await markFull.ExecuteNonQueryAsync(cancellationToken);
        }
        else
        {
            status = await release.ExecuteScalarAsync(cancellationToken) is string text
                ? (LoadTestStatus)StatusConverter.ConvertFromProvider(text)!
                : null;
        }

        if (status is { } newStatus)
        {
            await InsertEventAsync(connection, transaction, assignment.Test.Id, newStatus, reason, now, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return status;
    }

    private static async Task InsertEventAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid testId, LoadTestStatus status, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand(SchedulingSql.InsertEvent, connection, transaction);
        insert.Parameters.AddWithValue("id", testId);
        insert.Parameters.AddWithValue("status", StorageNaming.ToSnakeCase(status.ToString()));
        insert.Parameters.AddWithValue("reason", reason);
        insert.Parameters.AddWithValue("now", now);
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }
}
