using System.Globalization;

namespace PerfFleet.Bench.Verdicts;

/// <summary>One benchmark row's tally over its trials, with Wilson 95 % intervals and the mean cost of a verdict.</summary>
internal sealed class Outcome
{
    public int Trials { get; private set; }

    public int Regressions { get; private set; }

    public int Inconclusive { get; private set; }

    public int Flagged { get; private set; }

    public double TotalMicroseconds { get; private set; }

    /// <summary>Per metric, in how many trials it was inconclusive (filled only by rules that say).</summary>
    public SortedDictionary<string, int> InconclusiveMetrics { get; } = new(StringComparer.Ordinal);

    public void AddInconclusive(IEnumerable<string> metrics)
    {
        foreach (var metric in metrics)
        {
            InconclusiveMetrics[metric] = InconclusiveMetrics.GetValueOrDefault(metric) + 1;
        }
    }

    public void Add(bool regression, bool inconclusive, bool flagged, double microseconds)
    {
        Trials++;
        Regressions += regression ? 1 : 0;
        Inconclusive += inconclusive ? 1 : 0;
        Flagged += flagged ? 1 : 0;
        TotalMicroseconds += microseconds;
    }

    public double MeanMicroseconds => Trials == 0 ? 0 : TotalMicroseconds / Trials;

    public double RegressionRate => Trials == 0 ? 0 : (double)Regressions / Trials;

    public static string Rate(int count, int trials)
    {
        var (low, high) = Wilson(count, trials);
        return string.Create(CultureInfo.InvariantCulture, $"{count}/{trials} = {100.0 * count / trials:0.0} % [{low * 100:0.0}, {high * 100:0.0}]");
    }

    /// <summary>The Wilson score interval at 95 %: honest near 0 and 1, where a normal interval is not.</summary>
    public static (double Low, double High) Wilson(int count, int trials)
    {
        const double z = 1.959964;
        var p = (double)count / trials;
        var denominator = 1 + (z * z / trials);
        var centre = (p + (z * z / (2 * trials))) / denominator;
        var half = z * Math.Sqrt((p * (1 - p) / trials) + (z * z / (4.0 * trials * trials))) / denominator;
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }
}
