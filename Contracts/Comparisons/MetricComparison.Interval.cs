namespace PerfFleet.Contracts.V1;

/// <summary>What every renderer of a comparison row needs to know about its interval.</summary>
public sealed partial class MetricComparison
{
    /// <summary>
    /// Whether the row has a confidence interval to show. A comparison stored before intervals
    /// existed has confidence 0 (proto3's default), and a rule that had none leaves NaN.
    /// </summary>
    public bool HasInterval => Confidence is > 0 and < 1 && double.IsFinite(CiLowPercent) && double.IsFinite(CiHighPercent);
}
