using PerfFleet.Contracts.V1;

namespace PerfFleet.Testing.Workers;

/// <summary>A test a <see cref="ScriptedWorker"/> accepted: the leader's Start and the progress the test last set.</summary>
public sealed record HeldTest(StartRequest Start, Progress? Progress)
{
    public RunningTest ToRunningTest() => new()
    {
        TestId = Start.Test.Id,
        Attempt = Start.Test.Attempts,
        Epoch = Start.Epoch,
        Progress = Progress,
        Quota = Start.Required,
    };
}
