using System.Globalization;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Coordinator.Comparison;

/// <summary>
/// The numbers one verdict is decided from. <c>PValue</c> is NaN when no rank test was possible
/// (single values per run): then the threshold alone decides.
/// </summary>
public sealed record VerdictInputs(MetricSpec Spec, double BaselineMedian, double TestMedian, double ChangePercent, double PValue, double Alpha);

/// <summary>
/// DESIGN.md "Comparing a run with the baseline": a regression or an improvement needs both a
/// median change past the threshold in the metric's direction and a significant rank test;
/// anything less is <c>unchanged</c>. The reason string says which condition decided.
/// </summary>
public static class VerdictRule
{
    public static (Verdict Verdict, string Reason) Decide(VerdictInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var spec = inputs.Spec;
        if (spec.Better == Better.Unspecified)
        {
            return (Verdict.Unchanged, "no 'better' direction configured: change shown, not judged");
        }

        var change = inputs.ChangePercent;
        var absoluteChange = Math.Abs(inputs.TestMedian - inputs.BaselineMedian);
        if (double.IsNaN(change) || Math.Abs(change) <= spec.ThresholdPercent)
        {
            return (Verdict.Unchanged, Invariant($"change {change:0.##}% within threshold {spec.ThresholdPercent:0.##}%"));
        }

        if (absoluteChange <= spec.AbsoluteFloor)
        {
            return (Verdict.Unchanged, Invariant($"absolute change {absoluteChange:G4} within floor {spec.AbsoluteFloor:G4}"));
        }

        var rankTested = !double.IsNaN(inputs.PValue);
        if (rankTested && inputs.PValue >= inputs.Alpha)
        {
            return (Verdict.Unchanged, Invariant($"change {change:0.##}% not significant (p={inputs.PValue:G3} >= alpha {inputs.Alpha:G3})"));
        }

        var worse = spec.Better == Better.Lower ? change > 0 : change < 0;
        var verdict = worse ? Verdict.Regression : Verdict.Improvement;
        var reason = rankTested
            ? Invariant($"change {change:0.##}% past threshold {spec.ThresholdPercent:0.##}% and significant (p={inputs.PValue:G3} < alpha {inputs.Alpha:G3})")
            : Invariant($"change {change:0.##}% past threshold {spec.ThresholdPercent:0.##}% (single value per run: threshold only, no rank test)");
        return (verdict, reason);
    }

    /// <summary>
    /// The overall verdict of a run is the worst of its metrics: any regression, else any error,
    /// else any improvement, else unchanged; <c>no baseline</c> only when nothing was compared.
    /// </summary>
    public static Verdict Overall(IEnumerable<Verdict> verdicts)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        var all = verdicts.ToList();
        if (all.Contains(Verdict.Regression))
        {
            return Verdict.Regression;
        }

        if (all.Contains(Verdict.Error))
        {
            return Verdict.Error;
        }

        if (all.Contains(Verdict.Improvement))
        {
            return Verdict.Improvement;
        }

        return all.Contains(Verdict.Unchanged) ? Verdict.Unchanged : Verdict.NoBaseline;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
