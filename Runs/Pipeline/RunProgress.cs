using Google.Protobuf.WellKnownTypes;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Runs.Pipeline;

/// <summary>Where a run is, as heartbeats report it.</summary>
public sealed record RunProgress(RunPhase Phase, TimeSpan Elapsed, double AchievedRate = 0, double RequestedRate = 0, long Requests = 0, long Errors = 0)
{
    public Progress ToProto() => new()
    {
        Phase = Phase,
        Elapsed = Duration.FromTimeSpan(Elapsed),
        AchievedRate = AchievedRate,
        RequestedRate = RequestedRate,
        Requests = Requests,
        Errors = Errors,
    };
}
