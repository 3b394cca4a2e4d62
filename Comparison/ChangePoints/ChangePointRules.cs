namespace PerfFleet.Comparison.ChangePoints;

/// <summary>
/// What the detector needs before it calls a shift a step.
/// </summary>
/// <param name="MinSegment">
/// Runs on each side of a step at least (EdPelt's minimum distance). A step is only visible once
/// this many runs followed it; fewer would let one slow run look like a step.
/// </param>
/// <param name="MinChangePercent">
/// The medians either side must differ by this much: smaller shifts are real but not worth an
/// alert (a metric's own regression threshold is a good value).
/// </param>
/// <param name="MinShiftSigmas">
/// The shift of the medians must also be this many standard errors of the noise within the
/// segments, so a noisy metric does not report every wobble past <see cref="MinChangePercent"/>.
/// </param>
/// <param name="MinAbsoluteChange">
/// The medians must also differ by this much in the metric's own unit: from an error rate of 0 %
/// any change is infinitely many percent, and a few errors are not a step.
/// </param>
public sealed record ChangePointRules(
    int MinSegment = ChangePointRules.DefaultMinSegment,
    double MinChangePercent = ChangePointRules.DefaultMinChangePercent,
    double MinShiftSigmas = ChangePointRules.DefaultMinShiftSigmas,
    double MinAbsoluteChange = 0)
{
    public const int DefaultMinSegment = 5;
    public const double DefaultMinChangePercent = 5;
    public const double DefaultMinShiftSigmas = 4;

    public static ChangePointRules Default { get; } = new();

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the rule that makes no sense.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MinSegment, 2, nameof(MinSegment));
        if (!double.IsFinite(MinChangePercent) || MinChangePercent < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MinChangePercent), MinChangePercent, "must be a finite, non-negative percentage");
        }

        if (!double.IsFinite(MinShiftSigmas) || MinShiftSigmas < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MinShiftSigmas), MinShiftSigmas, "must be a finite, non-negative number");
        }

        if (!double.IsFinite(MinAbsoluteChange) || MinAbsoluteChange < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MinAbsoluteChange), MinAbsoluteChange, "must be a finite, non-negative number");
        }
    }
}
