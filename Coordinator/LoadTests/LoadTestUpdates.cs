using PerfFleet.Coordinator.Scheduling;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Api;
using PerfFleet.Coordinator.Fleet;
using PerfFleet.Coordinator.Leadership;
using PerfFleet.Coordinator.Storage;
using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.LoadTests;

/// <summary>
/// Update of an assigned or running test, on the leader (Shadower: the leader checks the
/// worker's quota): the worker's last heartbeat must have room for the extra rate, the new
/// values are committed under the leader's epoch (so a deposed leader changes nothing), and only
/// then is the worker told, with no lock held across that call: a slow or frozen worker must not
/// keep the test's row, or the leadership row a new leader's epoch bump waits for, locked for
/// the call's deadline. The stored rate is the one the worker's heartbeats are brought to
/// (HeartbeatHandler), so the direct call is the fast path; when the worker refuses or cannot be
/// reached, the old values are put back unless someone changed the row meanwhile.
/// </summary>
public sealed class LoadTestUpdates(
    IDbContextFactory<PerfFleetDbContext> contexts,
    ILeadership leadership,
    WorkerClients workers,
    TimeProvider time)
{
    public async Task<LoadTestEntity> UpdateAssignedAsync(Guid id, double? rate, TimeSpan? duration, CancellationToken cancellationToken)
    {
        var epoch = leadership.Epoch;
        if (!leadership.IsLeader || epoch == 0)
        {
            ApiErrors.Unavailable("this coordinator stopped leading while forwarding the update; try again");
        }

        var change = await CommitAsync(id, rate, duration, epoch, cancellationToken);
        if (change.Worker is not { } worker)
        {
            return change.Test;
        }

        var request = new WorkerUpdateRequest { TestId = id.ToString(), Epoch = epoch, Rate = rate ?? 0 };
        if (duration is { } d)
        {
            request.Duration = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(d);
        }

        try
        {
            await workers.For(worker.Address).UpdateAsync(request, workers.Options(time, cancellationToken));
        }
        catch (RpcException ex)
        {
            await RevertAsync(change, epoch, CancellationToken.None);
            if (ex.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
            {
                ApiErrors.Unavailable($"worker {worker.Id} at {worker.Address} did not answer the update: {ex.Status.Detail}");
            }

            throw; // the worker's own answer (its quota re-check: RESOURCE_EXHAUSTED) reaches the caller
        }

        return change.Test;
    }

    // The fenced transaction: checks, then the new values, committed before any worker is called.
    private async Task<CommittedUpdate> CommitAsync(Guid id, double? rate, TimeSpan? duration, long epoch, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        await EpochFence.EnsureCurrentAsync(context, epoch, cancellationToken);
        var test = await LoadTestStateChanges.LockAsync(context, id, cancellationToken);
        var before = (test.Rate, test.Duration);
        WorkerEntity? worker = null;
        if (test.Status is LoadTestStatus.Assigned or LoadTestStatus.Running && test.AssignedWorker is { } workerId)
        {
            worker = await context.Workers.AsNoTracking().SingleOrDefaultAsync(w => w.Id == workerId, cancellationToken);
            if (worker is null)
            {
                ApiErrors.FailedPrecondition($"test {id} is assigned to worker {workerId}, which is not registered any more");
            }

            if (rate is { } newRate && test.Rate is { } oldRate)
            {
                var free = worker.CapacityRequestRate - worker.UsedRequestRate;
                if (newRate - oldRate > free)
                {
                    ApiErrors.ResourceExhausted($"worker {worker.Id} has {free:0.##} requests/s free; raising the rate from {oldRate:0.##} to {newRate:0.##} needs {newRate - oldRate:0.##}");
                }
            }
        }
        else if (test.Status != LoadTestStatus.Scheduled)
        {
            ApiErrors.FailedPrecondition($"test {id} is {test.Status.ToString().ToLowerInvariant()}: only a scheduled or running test can be updated");
        }

        LoadTestStateChanges.Apply(test, rate, duration, time.GetUtcNow());
        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new CommittedUpdate(test, worker, before.Rate, before.Duration);
    }

    // Puts the values from before back when the row still holds this update's values for the
    // same attempt; a later update, a re-queue or the test's end leave the row as it is.
    private async Task RevertAsync(CommittedUpdate change, long epoch, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        await EpochFence.EnsureCurrentAsync(context, epoch, cancellationToken);
        var test = await LoadTestStateChanges.LockAsync(context, change.Test.Id, cancellationToken);
        if (test.Rate != change.Test.Rate || test.Duration != change.Test.Duration
            || test.AssignedWorker != change.Test.AssignedWorker || test.Attempts != change.Test.Attempts || test.Status.IsTerminal())
        {
            return;
        }

        test.Rate = change.RateBefore;
        test.Duration = change.DurationBefore;
        test.UpdatedAt = time.GetUtcNow();
        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private sealed record CommittedUpdate(LoadTestEntity Test, WorkerEntity? Worker, double? RateBefore, TimeSpan? DurationBefore);
}
