namespace PerfFleet.Comparison;

/// <summary>The descriptive numbers a comparison shows next to its verdict.</summary>
public static class SampleStatistics
{
    /// <summary>The median (mean of the two middle values for an even count); NaN when empty.</summary>
    public static double Median(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.ToArray();
        Array.Sort(sorted);
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>
    /// The change from baseline to test in percent of the baseline. A baseline of zero has no
    /// relative scale: no change is 0 %, any change is +/- infinity (past every threshold, so
    /// the rank test and the absolute floor decide).
    /// </summary>
    public static double ChangePercent(double baseline, double test)
    {
        if (baseline == 0)
        {
            return test == 0 ? 0 : test > 0 ? double.PositiveInfinity : double.NegativeInfinity;
        }

        return (test - baseline) / Math.Abs(baseline) * 100;
    }
}
