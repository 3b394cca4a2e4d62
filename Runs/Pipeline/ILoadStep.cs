using PerfFleet.Contracts.Scenarios;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Runs.Pipeline;

/// <summary>
/// Drives the load of a scenario at the running stack: warm-up, then the measured window. The
/// built-in load engine plugs in here. It reports <see cref="RunPhase.WarmingUp"/> and then
/// <see cref="RunPhase.Measuring"/> through its progress (resource sampling starts
/// with the latter) and returns the summary with its window, or null when it has none.
/// </summary>
public interface ILoadStep
{
    Task<LoadSummary?> RunAsync(ScenarioLoad spec, LoadOverrides overrides, IProgress<RunProgress> progress, CancellationToken cancellationToken);
}
