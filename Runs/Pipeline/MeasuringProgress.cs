using PerfFleet.Contracts.V1;

namespace PerfFleet.Runs.Pipeline;

/// <summary>Forwards progress and notices the first <see cref="RunPhase.Measuring"/> report (the start of the window).</summary>
internal sealed class MeasuringProgress(IProgress<RunProgress> inner, Action onMeasuring) : IProgress<RunProgress>
{
    private int _measuring;

    public void Report(RunProgress value)
    {
        if (value.Phase == RunPhase.Measuring && Interlocked.Exchange(ref _measuring, 1) == 0)
        {
            onMeasuring();
        }

        inner.Report(value);
    }
}
