using System.Globalization;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Comparison;

/// <summary>
/// Decides every pending row of one run together: Holm's correction over the metrics that have a
/// test (<see cref="HolmCorrection"/>), then each row's three-way verdict at its level, then the
/// run's overall verdict. Every comparison (paired, history, window) ends here, so the rules are
/// the same whichever evidence a run had.
/// </summary>
internal static class RunJudgement
{
    public static void Decide(PerfFleet.Contracts.V1.Comparison comparison, IReadOnlyList<PendingMetric> pending, ComparisonOptions options)
    {
        var alpha = options.Alpha;
        var tested = pending
            .Where(p => p.Evidence is { } evidence && !double.IsNaN(evidence.PValue) && p.Spec.Better != Better.Unspecified)
            .ToList();
        var levels = HolmCorrection.Apply([.. tested.Select(p => p.Evidence!.PValue)], alpha);
        var byRow = new Dictionary<PendingMetric, HolmCorrection.Level>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < tested.Count; i++)
        {
            byRow[tested[i]] = levels[i];
        }

        comparison.Correction = HolmCorrection.Describe(tested.Count, alpha);
        foreach (var metric in pending)
        {
            if (metric.Evidence is { } evidence)
            {
                byRow.TryGetValue(metric, out var level);
                Fill(metric, evidence, level, alpha, options.UnchangedWithinPercent);
            }

            comparison.Metrics.Add(metric.Row);
        }

        comparison.Verdict = VerdictRule.Overall(comparison.Metrics.Select(m => m.Verdict));
    }

    private static void Fill(PendingMetric metric, IChangeEvidence evidence, HolmCorrection.Level? level, double alpha, double unchangedWithinPercent)
    {
        var row = metric.Row;
        var change = evidence.At(level?.Confidence ?? (1 - alpha));
        row.Method = evidence.Method;
        row.PValue = evidence.PValue;
        row.ChangePercent = change.EstimatePercent;
        row.CiLowPercent = change.HasInterval ? change.LowPercent : double.NaN;
        row.CiHighPercent = change.HasInterval ? change.HighPercent : double.NaN;
        row.Confidence = change.HasInterval ? change.Confidence : double.NaN;
        var words = evidence.Describe(change);
        if (level is not null)
        {
            words += string.Create(CultureInfo.InvariantCulture, $", p {evidence.PValue:G3} (Holm-adjusted {level.AdjustedP:G3}, alpha {alpha:G3})");
        }

        var significant = level is not null && level.AdjustedP <= alpha;
        var equivalence = evidence.At(Math.Max(0, 1 - (2 * alpha)));
        var inputs = new VerdictInputs(metric.Spec, change, equivalence, significant, evidence is ThresholdEvidence, evidence.EquivalenceByEstimate, words, unchangedWithinPercent);
        var (verdict, reason) = VerdictRule.Decide(inputs);
        row.Verdict = verdict;
        row.Message = reason + metric.Note + (verdict == Verdict.Inconclusive ? metric.InconclusiveHint : string.Empty);
    }
}
