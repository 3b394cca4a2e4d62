using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using PerfFleet.Coordinator.Api;
using PerfFleet.Coordinator.Fleet;
using PerfFleet.Coordinator.Storage;
using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.LoadTests;

/// <summary>
/// Stop and Rerun as application operations, shared by the admin gRPC API
/// (<see cref="LoadTestsService"/>) and the web UI's admin buttons, so both follow one set of
/// rules. Errors are <see cref="RpcException"/>s with the status a caller can act on
/// (NOT_FOUND, RESOURCE_EXHAUSTED); each front end turns them into its own answer.
/// </summary>
public sealed class LoadTestActions(
    LoadTestStateChanges stateChanges,
    LoadTestQueries queries,
    LoadTestWriter writer,
    IDbContextFactory<PerfFleetDbContext> contexts,
    RepositoryQuotas quotas,
    WorkerClients peers,
    TimeProvider time)
{
    /// <summary>
    /// Stops a test (see <see cref="LoadTestStateChanges.StopAsync"/>) and, when a worker runs it,
    /// tells that worker at once instead of waiting for its next heartbeat.
    /// </summary>
    public async Task<LoadTestEntity> StopAsync(Guid id, string reason, CancellationToken cancellationToken)
    {
        var test = await stateChanges.StopAsync(id, reason, cancellationToken);
        if (test.Status == LoadTestStatus.Stopping && test.AssignedWorker is { } workerId)
        {
            await TellWorkerToStopAsync(test, workerId, cancellationToken);
        }

        return test;
    }

    /// <summary>Schedules a new test with the same inputs as <paramref name="id"/>, linked to it by RerunOf.</summary>
    public async Task<LoadTestEntity> RerunAsync(Guid id, CancellationToken cancellationToken)
    {
        var previous = await queries.FindAsync(id, cancellationToken);
        var spec = previous.ToSpec();
        await CheckRepositoryQuotaAsync(spec.Repository, cancellationToken);
        var created = await writer.CreateAsync([new NewLoadTest(spec, RerunOf: previous.Id)], delivery: null, cancellationToken);
        return created!.Created[0]; // a re-run is asked for on purpose: never one of ActiveTestKey's duplicates
    }

    /// <summary>RESOURCE_EXHAUSTED when the repository already has as many active tests as its quota allows.</summary>
    public async Task CheckRepositoryQuotaAsync(string repository, CancellationToken cancellationToken)
    {
        if (repository.Length == 0)
        {
            return;
        }

        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var active = await context.LoadTests.CountAsync(
            t => t.Repository == repository && t.Status != LoadTestStatus.Completed && t.Status != LoadTestStatus.Stopped && t.Status != LoadTestStatus.Failed,
            cancellationToken);
        var limit = quotas.For(repository).MaxConcurrentTests;
        if (active >= limit.Value)
        {
            ApiErrors.ResourceExhausted($"repository {repository} already has {active} tests queued or running; the limit is {limit.Value} ({limit.Setting})");
        }
    }

    private async Task TellWorkerToStopAsync(LoadTestEntity test, string workerId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var worker = await db.Workers.AsNoTracking().SingleOrDefaultAsync(w => w.Id == workerId, cancellationToken);
        if (worker is null)
        {
            return;
        }

        try
        {
            // Best effort: the worker's next heartbeat carries the stop command anyway.
            await peers.For(worker.Address).StopAsync(
                new PerfFleet.Contracts.V1.WorkerStopRequest { TestId = test.Id.ToString(), Epoch = test.Epoch ?? 0, Reason = test.StatusReason ?? "stopped" },
                peers.Options(time, cancellationToken));
        }
        catch (RpcException)
        {
            // Unreachable now; the heartbeat reply will tell it.
        }
    }
}
