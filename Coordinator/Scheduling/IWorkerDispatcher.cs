using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.Scheduling;

/// <summary>
/// Tells a worker to start a test the leader has just written as Assigned (Worker.Start over
/// gRPC in the real coordinator). Implementations bound the call in time and map failures to
/// <see cref="DispatchOutcome"/> instead of throwing.
/// </summary>
public interface IWorkerDispatcher
{
    Task<DispatchResult> StartAsync(WorkerEntity worker, LoadTestEntity test, long epoch, CancellationToken cancellationToken);
}
