using System.Globalization;
using PerfFleet.Cli.Output;
using PerfFleet.Contracts.V1;
using PerfFleet.Runs.Pipeline;

namespace PerfFleet.Cli.LocalRun;

/// <summary>
/// A local run's progress in words: the phase, where the load is in its warm-up or window, the
/// achieved rate and the counts. One owner for the live line and the plain lines.
/// </summary>
public static class RunProgressText
{
    /// <summary>"measuring 12s of 1m, 59.8 rps of 60, 720 requests, 0 errors"; other phases by name.</summary>
    public static string Of(RunProgress progress, LoadWindow? window)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var phase = DisplayNames.Words(progress.Phase);
        if (progress.Phase is not (RunPhase.WarmingUp or RunPhase.Measuring))
        {
            return phase;
        }

        var rate = progress.RequestedRate > 0
            ? $"{DisplayNames.Number(progress.AchievedRate)} rps of {DisplayNames.Number(progress.RequestedRate)}"
            : $"{DisplayNames.Number(progress.AchievedRate)} rps";
        return string.Create(CultureInfo.InvariantCulture, $"{phase} {Position(progress, window)}, {rate}, {progress.Requests} requests, {progress.Errors} errors");
    }

    /// <summary>How far the measured window is, 0 to 1; null outside it or when its length is not known.</summary>
    public static double? WindowFraction(RunProgress progress, LoadWindow? window)
    {
        ArgumentNullException.ThrowIfNull(progress);
        return progress.Phase == RunPhase.Measuring && window is { Measured.Ticks: > 0 }
            ? Math.Clamp(InWindow(progress, window) / window.Measured, 0, 1)
            : null;
    }

    // The engine's elapsed time counts from the start of the load, warm-up included.
    private static TimeSpan InWindow(RunProgress progress, LoadWindow window) =>
        progress.Elapsed > window.Warmup ? progress.Elapsed - window.Warmup : TimeSpan.Zero;

    private static string Position(RunProgress progress, LoadWindow? window) => (progress.Phase, window) switch
    {
        (_, null) => DisplayNames.Of(progress.Elapsed),
        (RunPhase.WarmingUp, _) => $"{DisplayNames.Of(progress.Elapsed < window.Warmup ? progress.Elapsed : window.Warmup)} of {DisplayNames.Of(window.Warmup)}",
        _ => $"{DisplayNames.Of(InWindow(progress, window) < window.Measured ? InWindow(progress, window) : window.Measured)} of {DisplayNames.Of(window.Measured)}",
    };
}
