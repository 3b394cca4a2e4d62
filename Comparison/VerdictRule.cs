using System.Globalization;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Comparison;

/// <summary>
/// The numbers one verdict is decided from: the change with its interval at the level the run's
/// correction gave this metric, whether the test rejected "no change" after that correction, and
/// the evidence in words (<see cref="IChangeEvidence.Describe"/>). <c>Equivalence</c> is the same
/// change with its interval at the equivalence level (two one-sided tests at alpha: a 1 - 2 alpha
/// interval), not widened for the run's many metrics: calling a metric unchanged wrongly is a
/// missed change in that metric, not a false alarm of the run. <c>UnchangedWithinPercent</c> widens
/// the band <c>unchanged</c> needs for a metric whose threshold is smaller
/// (<see cref="ComparisonOptions.UnchangedWithinPercent"/>); 0 keeps the threshold alone.
/// </summary>
public sealed record VerdictInputs(MetricSpec Spec, ChangeEstimate Change, ChangeEstimate Equivalence, bool Significant, bool ThresholdOnly, bool EquivalenceByEstimate, string Evidence, double UnchangedWithinPercent = 0);

/// <summary>
/// DESIGN.md "Comparing a run with the baseline": three outcomes. <c>regression</c> or
/// <c>improvement</c> when the change is significant after the correction for the run's many
/// metrics AND its estimate is past the threshold (and the absolute floor) in that direction;
/// <c>unchanged</c> when the whole interval lies inside +/- the unchanged band (the threshold, or
/// <see cref="ComparisonOptions.UnchangedWithinPercent"/> when that is wider) or inside +/- floor,
/// or, for the history rule, the estimate lies inside the threshold; otherwise <c>inconclusive</c>: the evidence neither
/// shows a change that matters nor rules one out, and more pairs would settle it.
/// </summary>
public static class VerdictRule
{
    public static (Verdict Verdict, string Reason) Decide(VerdictInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var spec = inputs.Spec;
        var change = inputs.Change;
        if (spec.Better == Better.Unspecified)
        {
            return (Verdict.Unchanged, "no 'better' direction configured: change shown, not judged");
        }

        if (double.IsNaN(change.Estimate))
        {
            return (Verdict.Inconclusive, inputs.Evidence + ": no estimate of the change");
        }

        var threshold = Invariant($"{spec.ThresholdPercent:0.##} %");
        var worse = spec.Better == Better.Lower ? change.Estimate > 0 : change.Estimate < 0;
        var past = Past(spec, change.EstimatePercent, change.Estimate);
        if (past && (inputs.Significant || inputs.ThresholdOnly))
        {
            var why = inputs.ThresholdOnly ? "past the threshold " + threshold : "significant, and the estimate is past the threshold " + threshold;
            return (worse ? Verdict.Regression : Verdict.Improvement, inputs.Evidence + ": " + why);
        }

        if (inputs.ThresholdOnly || inputs.EquivalenceByEstimate)
        {
            if (!past)
            {
                return (Verdict.Unchanged, inputs.Evidence + ": " + WithinWords(spec, change.EstimatePercent, change.Estimate, threshold));
            }

            return (Verdict.Inconclusive, inputs.Evidence + ": past the threshold " + threshold + " but inside the history's prediction band");
        }

        var equivalence = inputs.Equivalence;
        var unchangedBand = Math.Max(spec.ThresholdPercent, inputs.UnchangedWithinPercent);
        if (InsideBand(unchangedBand, equivalence) || InsideFloor(spec, equivalence))
        {
            var band = InsideBand(unchangedBand, equivalence) ? "inside +/- " + Invariant($"{unchangedBand:0.##} %") : Invariant($"inside the absolute floor +/- {spec.AbsoluteFloor:G4}");
            var interval = Invariant($"{equivalence.Confidence * 100:0.###} % interval {ChangeText.Percent(equivalence.LowPercent)} to {ChangeText.Percent(equivalence.HighPercent)}");
            return (Verdict.Unchanged, inputs.Evidence + ": the " + interval + " lies " + band);
        }

        var what = past
            ? "the estimate is past the threshold " + threshold + " but not significant"
            : "the interval reaches past +/- " + Invariant($"{unchangedBand:0.##} %");
        return (Verdict.Inconclusive, inputs.Evidence + ": " + what + "; more pairs would settle it");
    }

    /// <summary>
    /// The overall verdict of a run is the worst of its metrics: any regression, else any error,
    /// else any inconclusive (not known yet outranks a known improvement), else any improvement,
    /// else unchanged; <c>no baseline</c> only when nothing was compared.
    /// </summary>
    public static Verdict Overall(IEnumerable<Verdict> verdicts)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        var all = verdicts.ToHashSet();
        Verdict[] ranked = [Verdict.Regression, Verdict.Error, Verdict.Inconclusive, Verdict.Improvement, Verdict.Unchanged];
        foreach (var verdict in ranked)
        {
            if (all.Contains(verdict))
            {
                return verdict;
            }
        }

        return Verdict.NoBaseline;
    }

    private static bool Past(MetricSpec spec, double percent, double absolute) =>
        Math.Abs(percent) > spec.ThresholdPercent && Math.Abs(absolute) > spec.AbsoluteFloor;

    private static bool InsideBand(double bandPercent, ChangeEstimate change) =>
        change.HasInterval && change.LowPercent > -bandPercent && change.HighPercent < bandPercent;

    private static bool InsideFloor(MetricSpec spec, ChangeEstimate change) =>
        spec.AbsoluteFloor > 0 && change.HasInterval && change.Low >= -spec.AbsoluteFloor && change.High <= spec.AbsoluteFloor;

    private static string WithinWords(MetricSpec spec, double percent, double absolute, string threshold) =>
        Math.Abs(percent) <= spec.ThresholdPercent
            ? "within the threshold " + threshold
            : Invariant($"absolute change {Math.Abs(absolute):G4} within the floor {spec.AbsoluteFloor:G4}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
