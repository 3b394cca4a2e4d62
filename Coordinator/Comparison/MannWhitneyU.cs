using MathNet.Numerics.Distributions;

namespace PerfFleet.Coordinator.Comparison;

/// <summary>
/// Two-sided Mann-Whitney U (Wilcoxon rank-sum) test, computed the way R's
/// <c>wilcox.test(x, y, exact = NULL, correct = TRUE)</c> does so its p-values can be checked
/// against R: the exact distribution when both samples have fewer than 50 values and there are
/// no ties, otherwise the normal approximation with tie correction of the variance and a
/// continuity correction of 0.5.
/// </summary>
public static class MannWhitneyU
{
    /// <summary>Below this size in both samples (and without ties) the p-value is exact, as in R.</summary>
    public const int ExactLimit = 50;

    public static MannWhitneyResult Test(IReadOnlyList<double> first, IReadOnlyList<double> second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (first.Count == 0 || second.Count == 0)
        {
            return new MannWhitneyResult(double.NaN, 1, MannWhitneyMethod.NotApplicable);
        }

        var ranking = RankSum(first, second);
        var n1 = (double)first.Count;
        var n2 = (double)second.Count;
        var u = ranking.FirstRankSum - (n1 * (n1 + 1) / 2);

        if (first.Count < ExactLimit && second.Count < ExactLimit && !ranking.HasTies)
        {
            return new MannWhitneyResult(u, ExactPValue(first.Count, second.Count, u), MannWhitneyMethod.Exact);
        }

        var n = n1 + n2;
        var variance = n1 * n2 / 12 * (n + 1 - (ranking.TieTerm / (n * (n - 1))));
        if (variance <= 0)
        {
            // Every value is the same: nothing can differ, the test has no power.
            return new MannWhitneyResult(u, 1, MannWhitneyMethod.NotApplicable);
        }

        var centred = u - (n1 * n2 / 2);
        var z = (centred - (Math.Sign(centred) * 0.5)) / Math.Sqrt(variance);
        var p = 2 * Math.Min(Normal.CDF(0, 1, z), 1 - Normal.CDF(0, 1, z));
        return new MannWhitneyResult(u, Math.Min(1, p), MannWhitneyMethod.NormalApproximation);
    }

    private static double ExactPValue(int n1, int n2, double u)
    {
        var mean = n1 * n2 / 2.0;
        var tail = u > mean
            ? 1 - ExactMannWhitneyDistribution.CumulativeProbability(n1, n2, u - 1) // P(U >= u)
            : ExactMannWhitneyDistribution.CumulativeProbability(n1, n2, u);        // P(U <= u)
        return Math.Min(1, 2 * tail);
    }

    private static RankSummary RankSum(IReadOnlyList<double> first, IReadOnlyList<double> second)
    {
        var pooled = new (double Value, bool IsFirst)[first.Count + second.Count];
        for (var i = 0; i < first.Count; i++)
        {
            pooled[i] = (first[i], true);
        }

        for (var i = 0; i < second.Count; i++)
        {
            pooled[first.Count + i] = (second[i], false);
        }

        Array.Sort(pooled, (a, b) => a.Value.CompareTo(b.Value));

        double firstRankSum = 0;
        double tieTerm = 0;
        var start = 0;
        while (start < pooled.Length)
        {
            var end = start;
            while (end + 1 < pooled.Length && pooled[end + 1].Value.Equals(pooled[start].Value))
            {
                end++;
            }

            // Tied values share the mean of the ranks they span (ranks are 1-based).
            var size = end - start + 1;
            var midRank = ((start + 1) + (end + 1)) / 2.0;
            for (var k = start; k <= end; k++)
            {
                if (pooled[k].IsFirst)
                {
                    firstRankSum += midRank;
                }
            }

            tieTerm += ((double)size * size * size) - size;
            start = end + 1;
        }

        return new RankSummary(firstRankSum, tieTerm, tieTerm > 0);
    }

    private readonly record struct RankSummary(double FirstRankSum, double TieTerm, bool HasTies);
}
