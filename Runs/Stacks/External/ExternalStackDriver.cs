using PerfFleet.Contracts.Scenarios;

namespace PerfFleet.Runs.Stacks.External;

/// <summary>
/// <c>stack: none</c>: the load goes to a deployment that is already running, so nothing is built,
/// started or torn down; the "stack" is only there so the pipeline's phases stay the same.
/// </summary>
public sealed class ExternalStackDriver : IStackDriver
{
    public bool CanRun(ScenarioStack stack) => stack.IsExternal;

    public Task<IRunningStack> StartAsync(StackLaunch launch, CancellationToken cancellationToken) =>
        Task.FromResult<IRunningStack>(new ExternalStack());
}
