using PerfFleet.Contracts.Scenarios;

namespace PerfFleet.Runs.Stacks;

/// <summary>Brings a scenario's stack up (compose or local processes).</summary>
public interface IStackDriver
{
    /// <summary>Whether this driver runs <paramref name="stack"/> (compose file vs local services).</summary>
    bool CanRun(ScenarioStack stack);

    /// <summary>
    /// Starts the stack. On failure the driver has already torn down what it started and throws
    /// <see cref="Pipeline.RunFailedException"/> saying what failed.
    /// </summary>
    Task<IRunningStack> StartAsync(StackLaunch launch, CancellationToken cancellationToken);
}
