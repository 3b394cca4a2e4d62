namespace PerfFleet.Coordinator.Comparison;

/// <summary>How a Mann-Whitney p-value was obtained.</summary>
public enum MannWhitneyMethod
{
    /// <summary>Exact null distribution of U (small samples without ties), as R's wilcox.test.</summary>
    Exact,

    /// <summary>Normal approximation with tie and continuity correction.</summary>
    NormalApproximation,

    /// <summary>No test possible (an empty sample, or every value identical).</summary>
    NotApplicable,
}

/// <summary>
/// The outcome of a two-sided Mann-Whitney U test. <see cref="U"/> is the statistic of the first
/// sample (R's W: the number of pairs where the first sample's value is larger, ties counting half).
/// </summary>
public sealed record MannWhitneyResult(double U, double PValue, MannWhitneyMethod Method);
