using MathNet.Numerics.Statistics;

namespace PerfFleet.Comparison;

/// <summary>
/// How many independent samples an autocorrelated series is worth: n (1 - rho1) / (1 + rho1),
/// rho1 its lag-1 autocorrelation (the AR(1) approximation). A PromQL rate over 10 s at a 1 s
/// step has rho1 0.8-0.9: 76 points are worth 4-7, and a test that counts them as 76 finds
/// "significant" differences between two quiet runs most of the time.
/// </summary>
public static class EffectiveSampleSize
{
    // A series this correlated is treated as 0.98: its n_eff stays above zero and grows with n.
    private const double MaxAutocorrelation = 0.98;

    /// <summary>The lag-1 autocorrelation of a series in time order; 0 for fewer than 3 points or no variance.</summary>
    public static double Lag1Autocorrelation(IReadOnlyList<double> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count < 3)
        {
            return 0;
        }

        var mean = series.Mean();
        double numerator = 0, denominator = 0;
        for (var i = 0; i < series.Count; i++)
        {
            var deviation = series[i] - mean;
            denominator += deviation * deviation;
            if (i > 0)
            {
                numerator += deviation * (series[i - 1] - mean);
            }
        }

        return denominator == 0 ? 0 : numerator / denominator;
    }

    /// <summary>
    /// n_eff of one series. Negative autocorrelation would make n_eff exceed n; it is taken as 0
    /// (n_eff = n), which never claims more evidence than there are points.
    /// </summary>
    public static double Of(IReadOnlyList<double> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var rho = Math.Clamp(Lag1Autocorrelation(series), 0, MaxAutocorrelation);
        return Math.Max(1, series.Count * (1 - rho) / (1 + rho));
    }

    /// <summary>The n_eff of several independent series (a query's series, one per instance): their sum.</summary>
    public static double Of(IEnumerable<IReadOnlyList<double>> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        return series.Where(s => s.Count > 0).Sum(s => Of(s));
    }
}
