using Microsoft.Extensions.Options;
using Npgsql;
using PerfFleet.Coordinator.Leadership;
using PerfFleet.Coordinator.Storage;

namespace PerfFleet.Coordinator.Scheduling;

/// <summary>
/// The leader's worker-liveness check (DESIGN.md "Lost worker"): tests held by a worker with no
/// heartbeat within <see cref="SchedulingOptions.LivenessTimeout"/> go back to Scheduled, or to
/// Failed("worker lost") past their attempt limit; Assigned tests nobody started within
/// <see cref="SchedulingOptions.AssignmentTimeout"/> too. Fenced by the leader's epoch. A worker
/// that is alive but no longer holds a test (it restarted) is the heartbeat's to notice
/// (<see cref="HeldTests"/>), at once rather than after these timeouts.
/// </summary>
public sealed class WorkerLivenessSweep(PerfFleetDatabase database, IOptions<SchedulingOptions> options, TimeProvider timeProvider)
{
    private readonly SchedulingOptions settings = options.Value;

    /// <exception cref="FencedOutException"><paramref name="epoch"/> is no longer the leadership epoch.</exception>
    public async Task<IReadOnlyList<SweptTest>> SweepAsync(long epoch, CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await EpochFence.EnsureCurrentAsync(connection, transaction, epoch, cancellationToken);
        var now = timeProvider.GetUtcNow();

        IReadOnlyList<SweptTest> swept;
        await using (var sweep = new NpgsqlCommand(SchedulingSql.Sweep, connection, transaction))
        {
            sweep.Parameters.AddWithValue("stale_before", now - settings.LivenessTimeout);
            sweep.Parameters.AddWithValue("assigned_before", now - settings.AssignmentTimeout);
            sweep.Parameters.AddWithValue("now", now);
            swept = await SweptTest.ReadAllAsync(sweep, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return swept;
    }
}
