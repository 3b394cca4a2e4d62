using Google.Protobuf.WellKnownTypes;
using PerfFleet.Contracts.V1;
using PerfFleet.Worker.Hosting;
using PerfFleet.Worker.Service;

namespace PerfFleet.Worker.Heartbeats;

/// <summary>Builds a heartbeat: who this worker is (id and incarnation), its capacity and used quota, and each running test's progress.</summary>
public sealed class HeartbeatComposer(WorkerEndpoints endpoints, ActiveTestRegistry registry, EpochTracker epochs, WorkerIncarnation incarnation)
{
    public HeartbeatRequest Compose()
    {
        var running = registry.Snapshot();
        var request = new HeartbeatRequest
        {
            WorkerId = endpoints.WorkerId,
            Address = endpoints.AdvertisedAddress,
            Capacity = registry.Capacity.Clone(),
            Used = QuotaMath.Sum(running.Select(t => t.Quota)),
            HighestEpochSeen = epochs.Highest,
            Incarnation = incarnation.Id,
            StartedAt = Timestamp.FromDateTimeOffset(incarnation.StartedAt),
        };
        request.Running.AddRange(running.Select(t => t.ToProto()));
        request.Labels.Add("os", Environment.OSVersion.Platform.ToString());
        return request;
    }
}
