using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using PerfFleet.Coordinator.Leadership;
using PerfFleet.Coordinator.LoadTests;
using PerfFleet.Coordinator.Storage;
using PerfFleet.Coordinator.Storage.Configurations;
using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.Scheduling;

/// <summary>
/// The atomic claim: in one transaction fenced by the leader's epoch, pick the oldest
/// highest-priority Scheduled tests and, for each, a live worker with room for it, and write Assigned.
/// Guarantee: a test is Assigned to at most one worker at a time (row locks + the status
/// condition), and only by the current epoch. The Start call happens after the commit; if the
/// leader dies in between, the worker's next heartbeat past the Start grace shows it does not hold
/// the test and gives it back without an attempt (<see cref="HeldTests"/>); the assignment
/// timeout of the liveness sweep stays the backstop.
/// </summary>
public sealed class AssignmentClaimer(PerfFleetDatabase database, IOptions<SchedulingOptions> options, TimeProvider timeProvider, RepositoryQuotas? quotas = null)
{
    // One factory for the claimer's life: it builds its EF options once, not on every batch.
    private readonly PerfFleetDbContextFactory _contexts = new(database);

    private static readonly SnakeCaseEnumConverter<LoadTestStatus> StatusConverter = new();
    private readonly SchedulingOptions settings = options.Value;

    /// <summary>The claimed assignment, or null when no test waits or no worker has room.</summary>
    /// <exception cref="FencedOutException"><paramref name="epoch"/> is no longer the leadership epoch.</exception>
    public async Task<ClaimedAssignment?> TryClaimNextAsync(long epoch, CancellationToken cancellationToken) =>
        (await TryClaimBatchAsync(epoch, 1, cancellationToken)).SingleOrDefault();

    /// <summary>
    /// Claims up to <paramref name="maxClaims"/> tests in priority order, in one transaction of a
    /// fixed number of statements whatever the batch size (fence, pick the tests, lock the live
    /// workers, read their room, assign the batch with its events): round trips, not CPU, were what
    /// held the leader to a few dozen dispatches a second. Tests are matched to workers in memory
    /// (<see cref="WorkerRoom"/>); the matching stops at the first test no worker has room for, so
    /// that a smaller, later test never overtakes it.
    /// </summary>
    /// <exception cref="FencedOutException"><paramref name="epoch"/> is no longer the leadership epoch.</exception>
    public async Task<IReadOnlyList<ClaimedAssignment>> TryClaimBatchAsync(long epoch, int maxClaims, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxClaims, 1);
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await EpochFence.EnsureCurrentAsync(connection, transaction, epoch, cancellationToken);
        var now = timeProvider.GetUtcNow();

        // Repositories' running limits, when any is set: counted under a lock, so that two batches
        // cannot both take a repository's last slot; without such limits the claim pays nothing.
        var repositories = quotas is { AnyRunningLimit: true } ? await ReadRepositoryRoomAsync(connection, transaction, quotas, cancellationToken) : null;

        // Checkpoint 1: the test rows are locked; no other claim can take them until we end.
        var candidates = new List<(Guid Id, double Rate, string? Avoid, string? Repository)>(maxClaims);
        await using (var pickTests = new NpgsqlCommand(repositories is null ? SchedulingSql.PickTests : SchedulingSql.PickTestsWithinRepositoryLimits, connection, transaction))
        {
            pickTests.Parameters.AddWithValue("limit", maxClaims);
            if (repositories is not null)
            {
                var (names, slots, rates, reasons) = repositories.Remaining();
                pickTests.Parameters.AddWithValue("repositories", names);
                pickTests.Parameters.AddWithValue("slots", slots);
                pickTests.Parameters.AddWithValue("rates", rates);
                if (names.Length > 0)
                {
                    await ExplainWaitsAsync(connection, transaction, names, slots, rates, reasons, cancellationToken);
                }
            }

            await using var reader = await pickTests.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                candidates.Add((reader.GetGuid(0), reader.GetDouble(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
            }
        }

        if (candidates.Count == 0)
        {
            // Committed, not rolled back: the reasons of the tests that wait for their repository stay.
            await transaction.CommitAsync(cancellationToken);
            return [];
        }

        var room = await LockWorkersAsync(connection, transaction, now, cancellationToken);
        var matched = new List<(Guid TestId, string WorkerId)>(candidates.Count);
        foreach (var (testId, rate, avoid, repository) in candidates)
        {
            // A test its repository has no room for waits; the other repositories' tests go on.
            if (repositories is not null && !repositories.TryTake(repository, rate))
            {
                continue;
            }

            // Stops at the first test no worker has room for: a later, smaller test must not overtake it.
            if (room.Take(rate, avoid) is not { } workerId)
            {
                break;
            }

            matched.Add((testId, workerId));
        }

        var claimed = matched.Count == 0 ? [] : await AssignAsync(connection, transaction, matched, epoch, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return claimed.Count == 0 ? [] : await LoadAssignmentsAsync(claimed, epoch, cancellationToken);
    }

    private static async Task ExplainWaitsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string[] names, int[] slots, double[] rates, string[] reasons, CancellationToken cancellationToken)
    {
        await using var explain = new NpgsqlCommand(SchedulingSql.ExplainRepositoryWaits, connection, transaction);
        explain.Parameters.AddWithValue("repositories", names);
        explain.Parameters.AddWithValue("slots", slots);
        explain.Parameters.AddWithValue("rates", rates);
        explain.Parameters.AddWithValue("reasons", reasons);
        await explain.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<RepositoryRoom> ReadRepositoryRoomAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, RepositoryQuotas quotas, CancellationToken cancellationToken)
    {
        await using (var serialise = new NpgsqlCommand(SchedulingSql.LockRepositoryQuotas, connection, transaction))
        {
            await serialise.ExecuteNonQueryAsync(cancellationToken);
        }

        var running = new Dictionary<string, RepositoryRoom.Load>(StringComparer.Ordinal);
        await using var read = new NpgsqlCommand(SchedulingSql.RepositoryLoads, connection, transaction);
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            running[reader.GetString(0)] = new RepositoryRoom.Load(reader.GetInt32(1), reader.GetDouble(2));
        }

        return new RepositoryRoom(quotas, running);
    }

    /// <summary>Checkpoint 2: the live workers' rows are locked, then their room is read with a fresh snapshot.</summary>
    private async Task<WorkerRoom> LockWorkersAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var locked = new List<string>();
        await using (var lockWorkers = new NpgsqlCommand(SchedulingSql.LockLiveWorkers, connection, transaction))
        {
            lockWorkers.Parameters.AddWithValue("fresh_since", now - settings.LivenessTimeout);
            lockWorkers.Parameters.AddWithValue("now", now);
            await using var reader = await lockWorkers.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                locked.Add(reader.GetString(0));
            }
        }

        var loads = new List<WorkerRoom.Load>(locked.Count);
        if (locked.Count > 0)
        {
            await using var readLoads = new NpgsqlCommand(SchedulingSql.WorkerLoads, connection, transaction);
            readLoads.Parameters.AddWithValue("workers", locked.ToArray());
            await using var reader = await readLoads.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                loads.Add(new WorkerRoom.Load(reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetDouble(3), reader.GetDouble(4), reader.GetInt64(5), reader.GetDouble(6), reader.GetInt64(7), reader.GetDouble(8)));
            }
        }

        return new WorkerRoom(loads);
    }

    /// <summary>Checkpoint 3: Assigned(worker, epoch) for the whole batch and its events, in one statement.</summary>
    private static async Task<List<(Guid TestId, string WorkerId)>> AssignAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<(Guid TestId, string WorkerId)> matched, long epoch, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var assign = new NpgsqlCommand(SchedulingSql.AssignBatch, connection, transaction);
        assign.Parameters.AddWithValue("ids", matched.Select(m => m.TestId).ToArray());
        assign.Parameters.AddWithValue("workers", matched.Select(m => m.WorkerId).ToArray());
        assign.Parameters.AddWithValue("epoch", epoch);
        assign.Parameters.AddWithValue("now", now);
        var assigned = new HashSet<Guid>();
        await using (var reader = await assign.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                assigned.Add(reader.GetGuid(0));
            }
        }

        // In claim order; the rows are locked by PickTests, so in practice every one is assigned.
        return matched.Where(m => assigned.Contains(m.TestId)).ToList();
    }

    /// <summary>The committed rows of a batch, in claim order: two queries whatever the batch size.</summary>
    private async Task<IReadOnlyList<ClaimedAssignment>> LoadAssignmentsAsync(List<(Guid TestId, string WorkerId)> claimed, long epoch, CancellationToken cancellationToken)
    {
        var testIds = claimed.Select(c => c.TestId).ToList();
        var workerIds = claimed.Select(c => c.WorkerId).Distinct().ToList();
        await using var context = _contexts.CreateDbContext();
        var tests = await context.LoadTests.AsNoTracking().Where(t => testIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, cancellationToken);
        var workers = await context.Workers.AsNoTracking().Where(w => workerIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id, cancellationToken);
        return claimed.Select(c => new ClaimedAssignment(tests[c.TestId], workers[c.WorkerId], epoch)).ToList();
    }

    /// <summary>
    /// Applies a dispatch outcome other than Accepted: quota refusals give the attempt back and
    /// mark the worker full until its next heartbeat; unreachable and refusing workers count the attempt.
    /// Fenced, and only while the test is still this assignment. Returns the test's new status,
    /// or null when nothing changed (stale epoch case, or the test moved on meanwhile).
    /// </summary>
    public async Task<LoadTestStatus?> ReleaseAsync(ClaimedAssignment assignment, DispatchResult result, CancellationToken cancellationToken)
    {
        if (result.Outcome is DispatchOutcome.Accepted or DispatchOutcome.EpochRejected)
        {
            // Accepted: the worker reports progress from now on. EpochRejected: a newer leader owns the test now.
            // Either way the worker answered: one passed over for earlier failures is tried again.
            if (assignment.Worker.UnreachableStrikes > 0)
            {
                await using var reached = await database.DataSource.OpenConnectionAsync(cancellationToken);
                await using var clear = new NpgsqlCommand(SchedulingSql.ClearWorkerUnreachable, reached);
                clear.Parameters.AddWithValue("worker", assignment.Worker.Id);
                await clear.ExecuteNonQueryAsync(cancellationToken);
            }

            return null;
        }

        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await EpochFence.EnsureCurrentAsync(connection, transaction, assignment.Epoch, cancellationToken);
        var now = timeProvider.GetUtcNow();
        var quota = result.Outcome == DispatchOutcome.QuotaExhausted;
        var reason = result.Outcome switch
        {
            DispatchOutcome.QuotaExhausted => $"worker {assignment.Worker.Id} had no room: {result.Message ?? "resource exhausted"}",
            DispatchOutcome.Refused => $"worker {assignment.Worker.Id} refused the attempt: {result.Message ?? "failed precondition"}",
            _ => $"worker {assignment.Worker.Id} unreachable: {result.Message ?? "no answer"}",
        };

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
            if (result.Outcome == DispatchOutcome.Unreachable)
            {
                // Alive by its heartbeats and the emptiest, it would get the test's next attempt too.
                await using var passOver = new NpgsqlCommand(SchedulingSql.MarkWorkerUnreachable, connection, transaction);
                passOver.Parameters.AddWithValue("worker", assignment.Worker.Id);
                passOver.Parameters.AddWithValue("now", now);
                passOver.Parameters.AddWithValue("base_seconds", (double)settings.UnreachableBackoffSeconds);
                passOver.Parameters.AddWithValue("max_seconds", (double)settings.MaxUnreachableBackoffSeconds);
                passOver.Parameters.AddWithValue("reason", result.Message ?? "no answer");
                await passOver.ExecuteNonQueryAsync(cancellationToken);
            }
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
