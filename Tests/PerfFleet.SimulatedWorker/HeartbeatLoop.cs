using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using PerfFleet.Contracts.V1;

namespace PerfFleet.SimulatedWorker;

/// <summary>
/// Sends a worker's heartbeat (quota, running tests, highest epoch) to one coordinator at a time,
/// moving to the next when it does not answer, and obeys the stop commands in the replies.
/// </summary>
public sealed class HeartbeatLoop(WorkerState state, CoordinatorConnections connections, SimulatedWorkerOptions options, TimeProvider time)
{
    private int current;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await BeatOnceAsync(cancellationToken);
            try
            {
                await Task.Delay(options.HeartbeatInterval, time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task BeatOnceAsync(CancellationToken cancellationToken)
    {
        var request = Request();
        for (var tried = 0; tried < options.Coordinators.Count && !cancellationToken.IsCancellationRequested; tried++)
        {
            var address = options.Coordinators[current % options.Coordinators.Count];
            try
            {
                var reply = await connections.Fleet(address).HeartbeatAsync(request, connections.Call(TimeSpan.FromSeconds(3), cancellationToken));
                state.SeeEpoch(reply.Epoch);
                foreach (var stop in reply.Stop)
                {
                    state.Stop(stop.TestId, stop.Reason);
                }

                return;
            }
            catch (RpcException ex) when (CoordinatorConnections.TryAnother(ex))
            {
                current++;
            }
        }
    }

    private HeartbeatRequest Request()
    {
        var running = state.Running();
        var now = time.GetUtcNow();
        var request = new HeartbeatRequest
        {
            WorkerId = state.Id,
            Address = state.Address,
            Capacity = new Quota { ConcurrentTests = state.Capacity, RequestRate = 1_000_000, Cores = 8 },
            Used = new Quota { ConcurrentTests = running.Count },
            HighestEpochSeen = state.HighestEpoch,
            Incarnation = state.Incarnation,
            StartedAt = Timestamp.FromDateTimeOffset(state.StartedAt),
            Labels = { ["simulated"] = "true" },
        };
        foreach (var run in running)
        {
            request.Running.Add(new RunningTest
            {
                TestId = run.Test.Id,
                Attempt = run.Test.Attempts,
                Epoch = run.Epoch,
                Quota = new Quota { ConcurrentTests = 1 },
                Progress = new Progress
                {
                    Phase = run.Reporting ? RunPhase.Reporting : RunPhase.Measuring,
                    Elapsed = Duration.FromTimeSpan(now - run.StartedAt),
                    AchievedRate = run.Test.Spec.Rate,
                    RequestedRate = run.Test.Spec.Rate,
                },
            });
        }

        return request;
    }
}
