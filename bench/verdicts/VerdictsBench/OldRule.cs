using Perfolizer.Mathematics.SignificanceTesting.Base;
using Perfolizer.Mathematics.SignificanceTesting.MannWhitney;
using Perfolizer.Metrology;
using PerfFleet.Comparison;
using PerfFleet.Contracts.V1;
using PragmastatSample = Pragmastat.Sample;

namespace PerfFleet.Bench.Verdicts;

/// <summary>
/// The rule this benchmark replaces, as it judged before: per metric, the median change past the
/// threshold (and floor) AND a Mann-Whitney p below alpha over all scrape points of one run
/// against one baseline run; one value per run (the engine's) by the threshold alone. The
/// Mann-Whitney test is Perfolizer's (exact for small samples, as the old code was).
/// </summary>
internal static class OldRule
{
    public static bool AnyRegression(SimulatedRun baseline, SimulatedRun test, BenchThresholds thresholds, double alpha)
    {
        var regression = false;
        foreach (var (name, better) in SimulatedRun.Queries)
        {
            regression |= Regression(baseline.Windows[name], test.Windows[name], better, thresholds.Query(name), 0, alpha);
        }

        regression |= Regression([baseline.EngineP99], [test.EngineP99], Better.Lower, thresholds.LatencyPercent, 0, alpha);
        regression |= Regression([baseline.AchievedRate], [test.AchievedRate], Better.Higher, 5, 0, alpha);
        regression |= Regression([baseline.ErrorRatePercent], [test.ErrorRatePercent], Better.Lower, 10, 0.1, alpha);
        regression |= Regression(baseline.Windows["api.cpu"], test.Windows["api.cpu"], Better.Lower, 10, 0.02, alpha);
        regression |= Regression(MiB(baseline.Windows["api.memory"]), MiB(test.Windows["api.memory"]), Better.Lower, 10, 4, alpha);
        regression |= Regression(baseline.Windows["db.cpu"], test.Windows["db.cpu"], Better.Lower, 10, 0.02, alpha);
        return regression;
    }

    private static double[] MiB(double[] bytes) => [.. bytes.Select(b => b / ResourceMetrics.BytesPerMebibyte)];

    private static bool Regression(double[] baseline, double[] test, Better better, double threshold, double floor, double alpha)
    {
        var baselineMedian = SampleStatistics.Median(baseline);
        var testMedian = SampleStatistics.Median(test);
        var change = (testMedian - baselineMedian) / Math.Abs(baselineMedian) * 100;
        var worse = better == Better.Lower ? change > threshold : change < -threshold;
        if (!worse || Math.Abs(testMedian - baselineMedian) <= floor)
        {
            return false;
        }

        if (baseline.Length == 1 && test.Length == 1)
        {
            return true; // threshold only
        }

        var result = MannWhitneyTest.Instance.Perform(new PragmastatSample(test), new PragmastatSample(baseline), AlternativeHypothesis.TwoSides, Threshold.Zero);
        return result.PValue < alpha;
    }
}
