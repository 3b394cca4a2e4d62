using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PerfFleet.Contracts.V1;
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
    PerfFleetDatabase database,
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

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var response = new HeartbeatResponse { Interval = Duration.FromTimeSpan(Interval) };
        previous ??= await WorkerHeartbeatWriter.ReadPreviousAsync(connection, transaction, request.WorkerId, cancellationToken);
        var tests = await ReportedProgress.RecordAsync(connection, transaction, request.WorkerId, request.Running, now, cancellationToken);
        var held = new List<Guid>(tests.Count);
        foreach (var running in request.Running)
        {
            if (!Guid.TryParse(running.TestId, out var id) || !tests.TryGetValue(id, out var test))
            {
                response.Stop.Add(new StopCommand { TestId = running.TestId, Reason = "unknown test" });
                continue;
            }

            // A test the database no longer gives this worker (re-queued after a lost heartbeat,
            // or assigned elsewhere) must stop: no test runs on two workers at once.
            if (!test.IsHeldBy(request.WorkerId, running.Attempt))
            {
                response.Stop.Add(new StopCommand { TestId = running.TestId, Reason = "the test is no longer assigned to this worker" });
                continue;
            }

            // Only a test the worker reported as its own (this attempt) is held: an older attempt it
            // still runs is being stopped, and the current one is lost with it.
            held.Add(id);
            if (test.Status == LoadTestStatus.Stopping)
            {
                response.Stop.Add(new StopCommand { TestId = running.TestId, Reason = test.StatusReason ?? "stopped" });
            }

            if (test.Rate is { } wanted && running.Progress is { RequestedRate: > 0 } progress && Math.Abs(progress.RequestedRate - wanted) > 1e-6)
            {
                response.Update.Add(new UpdateCommand { TestId = running.TestId, Rate = wanted });
            }
        }

        var restartedBefore = previous is not null && previous.IsOtherProcess(request.Incarnation) ? previous.At : (DateTimeOffset?)null;
        var givenBack = await HeldTests.GiveBackUnheldAsync(
            connection, transaction, request.WorkerId, held, now - scheduling.Value.StartGrace, restartedBefore, now, cancellationToken);

        // The worker row last, as the claim and its release lock it after the test rows: one order, no deadlock.
        var recorded = await WorkerHeartbeatWriter.WriteAsync(connection, transaction, request, now, cancellationToken);
        (response.Epoch, response.LeaderAddress) = (recorded.Epoch, recorded.LeaderAddress);
        await transaction.CommitAsync(cancellationToken);
        foreach (var test in givenBack)
        {
            SchedulingLog.Swept(logger, test.TestId, test.WorkerId, test.NewStatus, test.Reason);
        }

        return response;
    }
}
