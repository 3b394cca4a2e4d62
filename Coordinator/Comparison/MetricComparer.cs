using PerfFleet.Contracts.V1;

namespace PerfFleet.Coordinator.Comparison;

/// <summary>Compares one metric's samples of a test run with the baseline's.</summary>
public static class MetricComparer
{
    public static MetricComparison Compare(MetricSpec spec, IReadOnlyList<double> baseline, IReadOnlyList<double> test, double alpha)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var baselineValues = Finite(baseline);
        var testValues = Finite(test);
        var result = Describe(spec);
        result.BaselineSamples = baselineValues.Count;
        result.TestSamples = testValues.Count;
        if (testValues.Count == 0)
        {
            return WithVerdict(result, Verdict.Error, "the test run has no finite samples for this metric");
        }

        if (baselineValues.Count == 0)
        {
            return WithVerdict(result, Verdict.NoBaseline, "the baseline run has no finite samples for this metric");
        }

        result.BaselineMedian = SampleStatistics.Median(baselineValues);
        result.TestMedian = SampleStatistics.Median(testValues);
        result.ChangePercent = SampleStatistics.ChangePercent(result.BaselineMedian, result.TestMedian);

        // One value per run cannot be rank-tested (the smallest possible p is 1): threshold only.
        var singleValues = baselineValues.Count == 1 && testValues.Count == 1;
        var rank = singleValues ? null : MannWhitneyU.Test(testValues, baselineValues);
        result.UStatistic = rank?.U ?? double.NaN;
        result.PValue = rank?.PValue ?? double.NaN;

        var (verdict, reason) = VerdictRule.Decide(new VerdictInputs(spec, result.BaselineMedian, result.TestMedian, result.ChangePercent, result.PValue, alpha));
        return WithVerdict(result, verdict, reason);
    }

    /// <summary>A metric that could not be compared: the numbers stay empty, the message says why.</summary>
    public static MetricComparison NotCompared(MetricSpec spec, Verdict verdict, string reason) =>
        WithVerdict(Describe(spec), verdict, reason);

    private static MetricComparison Describe(MetricSpec spec) => new()
    {
        Metric = spec.Name,
        Source = spec.Source,
        Better = spec.Better,
        ThresholdPercent = spec.ThresholdPercent,
        BaselineMedian = double.NaN,
        TestMedian = double.NaN,
        ChangePercent = double.NaN,
        PValue = double.NaN,
        UStatistic = double.NaN,
    };

    private static MetricComparison WithVerdict(MetricComparison result, Verdict verdict, string reason)
    {
        result.Verdict = verdict;
        result.Message = reason;
        return result;
    }

    // Prometheus answers NaN for 0/0 (e.g. a rate over an idle window); such points carry no
    // information and would poison the ranks, so they are left out and the counts show it.
    private static List<double> Finite(IReadOnlyList<double> values) =>
        values is null ? [] : values.Where(double.IsFinite).ToList();
}
