using PerfFleet.Contracts.V1;

namespace PerfFleet.Comparison;

/// <summary>The rows of a comparison: one per metric, with the numbers behind its verdict.</summary>
public static class MetricComparer
{
    /// <summary>A metric that could not be compared: the numbers stay empty, the message says why.</summary>
    public static MetricComparison NotCompared(MetricSpec spec, Verdict verdict, string reason) =>
        WithVerdict(Describe(spec), verdict, reason);

    /// <summary>A row with the metric's identity and every number unknown (NaN), to be filled by the rule that judges it.</summary>
    public static MetricComparison Describe(MetricSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new MetricComparison
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
            CiLowPercent = double.NaN,
            CiHighPercent = double.NaN,
            Confidence = double.NaN,
            EffectiveSamples = double.NaN,
        };
    }

    // Prometheus answers NaN for 0/0 (e.g. a rate over an idle window); such points carry no
    // information and would poison every statistic, so they are left out and the counts show it.
    internal static List<double> Finite(IEnumerable<double>? values) =>
        values is null ? [] : values.Where(double.IsFinite).ToList();

    private static MetricComparison WithVerdict(MetricComparison result, Verdict verdict, string reason)
    {
        result.Verdict = verdict;
        result.Message = reason;
        return result;
    }
}
