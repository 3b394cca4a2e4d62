namespace PerfFleet.Comparison;

/// <summary>
/// The change of one metric from baseline to test in the metric's own unit, with its interval at
/// <see cref="Confidence"/> (NaN bounds when there is none). <see cref="Reference"/> is the
/// baseline level the percentages are of, so a reader sees the same numbers the rule used.
/// </summary>
public sealed record ChangeEstimate(double Reference, double Estimate, double Low, double High, double Confidence)
{
    public double EstimatePercent => Percent(Estimate);

    public double LowPercent => Percent(Low);

    public double HighPercent => Percent(High);

    public bool HasInterval => !double.IsNaN(Low) && !double.IsNaN(High);

    /// <summary>
    /// A change in percent of the reference. A reference of zero has no relative scale: no change
    /// is 0 %, any change is +/- infinity (past every threshold, so the absolute floor decides).
    /// </summary>
    public double Percent(double change)
    {
        if (double.IsNaN(change))
        {
            return double.NaN;
        }

        if (Reference == 0)
        {
            return change == 0 ? 0 : change > 0 ? double.PositiveInfinity : double.NegativeInfinity;
        }

        return change / Math.Abs(Reference) * 100;
    }
}
