using System.Threading.Channels;
using PerfFleet.Coordinator.Scheduling;
using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.Tests.Scheduling;

/// <summary>An in-process worker side: records each Start call and answers with a chosen outcome.</summary>
internal sealed class RecordingDispatcher(DispatchOutcome outcome = DispatchOutcome.Accepted) : IWorkerDispatcher
{
    private readonly Channel<(string WorkerId, Guid TestId, long Epoch)> calls = Channel.CreateUnbounded<(string, Guid, long)>();

    public ChannelReader<(string WorkerId, Guid TestId, long Epoch)> Calls => calls.Reader;

    public Task<DispatchResult> StartAsync(WorkerEntity worker, LoadTestEntity test, long epoch, CancellationToken cancellationToken)
    {
        calls.Writer.TryWrite((worker.Id, test.Id, epoch));
        return Task.FromResult(new DispatchResult(outcome));
    }
}
