namespace PerfFleet.Comparison;

/// <summary>
/// One value per run on each side (the engine's whole-window p99 of a run measured once): no
/// spread to build an interval or a test from, so only the threshold can judge, and the message
/// says so. It is left out of the correction for many metrics, having no p-value.
/// </summary>
internal sealed class ThresholdEvidence(double baseline, double test) : IChangeEvidence
{
    public string Method => "threshold";

    public double PValue => double.NaN;

    public bool EquivalenceByEstimate => true;

    public ChangeEstimate At(double confidence) => new(baseline, test - baseline, double.NaN, double.NaN, double.NaN);

    public string Describe(ChangeEstimate change) =>
        "one value per run, " + ChangeText.Percent(change.EstimatePercent) + " (threshold only: no interval or test is possible)";
}
