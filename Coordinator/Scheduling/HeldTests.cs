using Npgsql;
using NpgsqlTypes;

namespace PerfFleet.Coordinator.Scheduling;

/// <summary>
/// What a heartbeat says about the tests a worker holds (DESIGN.md "Lost worker"): a test the
/// database gives the worker that its heartbeat does not list is gone from it — the worker
/// restarted (a new incarnation) or lost the run — and goes back to the queue at once, by the
/// liveness sweep's rule (<see cref="SchedulingSql.GiveBackUnheld"/>), instead of staying Running
/// until a timeout that a worker which keeps heartbeating never reaches.
/// </summary>
public static class HeldTests
{
    /// <summary>
    /// Gives back, inside the heartbeat's transaction, the tests on <paramref name="workerId"/>
    /// missing from <paramref name="held"/> that were assigned before <paramref name="graceBefore"/>,
    /// or at or before <paramref name="restartedBefore"/>: the last heartbeat of the worker's previous
    /// process when this heartbeat comes from a new one, else null.
    /// </summary>
    public static async Task<IReadOnlyList<SweptTest>> GiveBackUnheldAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        string workerId,
        IReadOnlyCollection<Guid> held,
        DateTimeOffset graceBefore,
        DateTimeOffset? restartedBefore,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(SchedulingSql.GiveBackUnheld, connection, transaction);
        command.Parameters.AddWithValue("worker", workerId);
        command.Parameters.AddWithValue("held", held.ToArray());
        command.Parameters.AddWithValue("why", restartedBefore is not null ? $"worker {workerId} restarted" : $"worker {workerId} no longer runs it");
        command.Parameters.AddWithValue("grace_before", graceBefore);
        command.Parameters.Add(new NpgsqlParameter("restarted_before", NpgsqlDbType.TimestampTz) { Value = restartedBefore is { } before ? before : DBNull.Value });
        command.Parameters.AddWithValue("now", now);
        var swept = await SweptTest.ReadAllAsync(command, cancellationToken);
        if (swept.Count > 0)
        {
            // Wake the leader: the freed tests (and the worker's freed quota) are dispatched now, not at its next poll.
            await SchedulingChannel.NotifyAsync(connection, transaction, cancellationToken);
        }

        return swept;
    }
}
