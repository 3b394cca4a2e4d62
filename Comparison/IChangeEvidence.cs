namespace PerfFleet.Comparison;

/// <summary>
/// What one metric's verdict is decided from: a two-sided p-value of "no change" (NaN when only
/// a threshold can judge, e.g. one value per run), and the change with its interval at any
/// confidence, so the run's correction for many metrics can choose the level afterwards.
/// </summary>
internal interface IChangeEvidence
{
    /// <summary>"paired", "history", "window" or "threshold" (MetricComparison.method).</summary>
    string Method { get; }

    double PValue { get; }

    /// <summary>
    /// True when "unchanged" means the estimate is within the threshold (the history rule: a
    /// prediction band from a few runs is too wide to lie inside any useful threshold); false when
    /// the whole interval must lie inside it.
    /// </summary>
    bool EquivalenceByEstimate { get; }

    ChangeEstimate At(double confidence);

    /// <summary>The evidence in words for the verdict's message, e.g. "5 pairs, +20.1 % (99.9 % interval +17.2 % to +23.1 %)".</summary>
    string Describe(ChangeEstimate change);
}
