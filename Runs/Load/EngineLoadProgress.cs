using PerfFleet.Contracts.V1;
using PerfFleet.LoadEngine.Running;
using PerfFleet.Runs.Pipeline;

namespace PerfFleet.Runs.Load;

/// <summary>The engine's progress reports as the pipeline's: warm-up, then measuring, with the achieved and requested rates.</summary>
internal sealed class EngineLoadProgress(IProgress<RunProgress> inner, Action onFirstReport) : IProgress<LoadProgress>
{
    private int _reported;

    public void Report(LoadProgress value)
    {
        if (Interlocked.Exchange(ref _reported, 1) == 0)
        {
            onFirstReport();
        }

        if (value.Phase == LoadPhase.Finished)
        {
            // The pipeline moves on to its own next phase; "finished" is not one of the run's phases.
            return;
        }

        var phase = value.Phase == LoadPhase.Warmup ? RunPhase.WarmingUp : RunPhase.Measuring;
        inner.Report(new RunProgress(phase, value.Elapsed, value.RecentRate, value.RequestedRate, value.Requests, value.Errors));
    }
}
