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
/// worker's quota): the worker's last heartbeat must have room for the extra rate, then the
/// worker itself re-checks in <c>Worker.Update</c>, and only then is the row changed — under the
/// leader's epoch, so a deposed leader changes nothing.
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

        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        await EpochFence.EnsureCurrentAsync(context, epoch, cancellationToken);
        var test = await LoadTestStateChanges.LockAsync(context, id, cancellationToken);
        var now = time.GetUtcNow();
        if (test.Status == LoadTestStatus.Scheduled)
        {
            LoadTestStateChanges.Apply(test, rate, duration, now);
        }
        else if (test.Status is LoadTestStatus.Assigned or LoadTestStatus.Running && test.AssignedWorker is { } workerId)
        {
            var worker = await context.Workers.AsNoTracking().SingleOrDefaultAsync(w => w.Id == workerId, cancellationToken);
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

            var request = new WorkerUpdateRequest { TestId = id.ToString(), Epoch = epoch, Rate = rate ?? 0 };
            if (duration is { } d)
            {
                request.Duration = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(d);
            }

            try
            {
                await workers.For(worker.Address).UpdateAsync(request, workers.Options(time, cancellationToken));
            }
            catch (RpcException ex) when (ex.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
            {
                ApiErrors.Unavailable($"worker {worker.Id} at {worker.Address} did not answer the update: {ex.Status.Detail}");
            }

            LoadTestStateChanges.Apply(test, rate, duration, now);
        }
        else
        {
            ApiErrors.FailedPrecondition($"test {id} is {test.Status.ToString().ToLowerInvariant()}: only a scheduled or running test can be updated");
        }

        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return test;
    }
}
