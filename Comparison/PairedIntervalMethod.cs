namespace PerfFleet.Comparison;

/// <summary>How the interval of a paired change is computed from the per-pair differences.</summary>
public enum PairedIntervalMethod
{
    /// <summary>
    /// Student's t on the mean of the per-pair log ratios: valid when those are roughly normal
    /// (a log ratio of two medians of a window is), and the only choice that reaches a 99.9 %
    /// level (alpha 0.01 over 10 metrics) with a handful of pairs.
    /// </summary>
    StudentT,

    /// <summary>
    /// Wilcoxon signed-rank: the Hodges-Lehmann centre with its distribution-free interval. Needs
    /// no normality, but with n pairs its smallest two-sided p is 2/2^n: 7 pairs for 99 %, 11 for 99.9 %.
    /// </summary>
    SignedRank,
}
