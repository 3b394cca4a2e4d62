namespace PerfFleet.Comparison.ChangePoints;

/// <summary>
/// A step in a metric's history of baselines. <see cref="FirstAfterIndex"/> is the position of the
/// first run measured after the step (the commit that brought it, or the first one run after it);
/// before and after describe the whole segments either side, up to the neighbouring steps.
/// </summary>
public sealed record ChangePoint(
    int FirstAfterIndex,
    double MeanBefore,
    double MedianBefore,
    double MeanAfter,
    double MedianAfter,
    double ChangePercent);
