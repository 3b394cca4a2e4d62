using System.Globalization;
using PerfFleet.Cli.Output;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Cli.Bisect;

/// <summary>
/// The one rule that sorts a measured commit: every run measures a commit against the good one,
/// so a verdict in the step's direction (the bad commit's own) puts it after the step,
/// <c>unchanged</c> before it, and anything else (the other direction, <c>inconclusive</c> after
/// the coordinator's extra pairs) places nothing.
/// </summary>
public static class StepJudgement
{
    /// <summary>The step's direction, from the bad commit against the good one; a clear error when there is none.</summary>
    public static Verdict StepOf(MetricComparison bad, string good, string badCommit)
    {
        ArgumentNullException.ThrowIfNull(bad);
        return bad.Verdict switch
        {
            Verdict.Regression or Verdict.Improvement => bad.Verdict,
            Verdict.Unchanged => throw new CliFailureException(
                $"no step in {bad.Metric} between {Short(good)} and {Short(badCommit)}: {Describe(bad)}; the two measure the same within the threshold", ExitCodes.Undecided),
            _ => throw new CliFailureException(
                $"the bad commit {Short(badCommit)} against {Short(good)} does not show a step in {bad.Metric}: {Describe(bad)}{Because(bad)}", ExitCodes.Undecided),
        };
    }

    /// <summary>
    /// Whether <paramref name="measured"/> (a commit against the good one) sits after the step
    /// (true) or before it (false); a clear error, naming what is left of <paramref name="range"/>,
    /// when its verdict places it nowhere.
    /// </summary>
    public static bool IsBad(MetricComparison measured, Verdict step, string commit, BisectRange range)
    {
        ArgumentNullException.ThrowIfNull(measured);
        ArgumentNullException.ThrowIfNull(range);
        return measured.Verdict == step || (measured.Verdict != Verdict.Unchanged
            ? throw new CliFailureException(
                $"{Short(commit)} cannot be placed before or after the step in {measured.Metric}: {Describe(measured)}{Because(measured)}; "
                + $"the first bad commit is after {Short(range.LastGood)} up to {Short(range.FirstBad)} ({range.Candidates} commits)", ExitCodes.Undecided)
            : false);
    }

    /// <summary>The metric of a comparison; a clear error when the run did not measure it.</summary>
    public static MetricComparison MetricOf(Contracts.V1.Comparison? comparison, string metric, string testId)
    {
        var row = comparison?.Metrics.FirstOrDefault(m => m.Metric == metric);
        if (row is null)
        {
            var known = comparison is null ? "none" : string.Join(", ", comparison.Metrics.Select(m => m.Metric));
            throw new CliFailureException($"test {testId} has no comparison of {metric} (its metrics: {known})", ExitCodes.Undecided);
        }

        return row;
    }

    /// <summary>"regression +50 % (+48.1 .. +51.9 (99%)), 20 → 30".</summary>
    public static string Describe(MetricComparison metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        var change = metric.ChangePercent.ToString("+0.##;-0.##;0", CultureInfo.InvariantCulture);
        var interval = metric.HasInterval ? $" ({TestDetailsRenderer.Interval(metric)})" : string.Empty;
        return $"{DisplayNames.Of(metric.Verdict)} {change} %{interval}, {DisplayNames.Number(metric.BaselineMedian)} → {DisplayNames.Number(metric.TestMedian)}";
    }

    public static string Short(string commit) => DisplayNames.ShortCommit(commit);

    private static string Because(MetricComparison metric) => string.IsNullOrEmpty(metric.Message) ? string.Empty : $" ({metric.Message})";
}
