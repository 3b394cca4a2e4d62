namespace PerfFleet.Comparison;

/// <summary>
/// The exact null distribution of Wilcoxon's signed-rank statistic W+ for n pairs, as P(W+ &lt;= w)
/// for w = 0 .. n(n+1)/2. None of the referenced libraries exposes it; a count of subsets by sum
/// is a few lines and exact for the pair counts a run has (hundreds at most).
/// </summary>
internal static class SignedRankDistribution
{
    public static double[] Cumulative(int n)
    {
        var max = n * (n + 1) / 2;
        var counts = new double[max + 1];
        counts[0] = 1;
        for (var rank = 1; rank <= n; rank++)
        {
            for (var w = max; w >= rank; w--)
            {
                counts[w] += counts[w - rank];
            }
        }

        var total = Math.Pow(2, n);
        var cumulative = new double[max + 1];
        var sum = 0.0;
        for (var w = 0; w <= max; w++)
        {
            sum += counts[w];
            cumulative[w] = sum / total;
        }

        return cumulative;
    }
}
