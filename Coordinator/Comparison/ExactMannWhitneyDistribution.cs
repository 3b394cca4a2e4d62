using System.Collections.Concurrent;

namespace PerfFleet.Coordinator.Comparison;

/// <summary>
/// The exact null distribution of U for samples of n1 and n2 values without ties: the number of
/// rank arrangements giving each U, divided by C(n1+n2, n1). Computed with the classic
/// recurrence f(n1, n2, u) = f(n1-1, n2, u-n2) + f(n1, n2-1, u) in one pass over a
/// (n2+1) x (maxU+1) table, so even 49 x 49 costs about 3 million additions.
/// </summary>
internal static class ExactMannWhitneyDistribution
{
    // A run compares a handful of metrics with the same sample counts; the table for a size pair
    // is computed once. At most 49 x 49 pairs of sizes exist, each at most 2,402 doubles.
    private static readonly ConcurrentDictionary<(int N1, int N2), double[]> CumulativeCache = new();

    /// <summary>P(U &lt;= u) under the null hypothesis.</summary>
    public static double CumulativeProbability(int n1, int n2, double u)
    {
        var cumulative = CumulativeCache.GetOrAdd((n1, n2), static sizes => Cumulative(Counts(sizes.N1, sizes.N2)));
        var limit = Math.Min((int)Math.Floor(u), cumulative.Length - 1);
        return limit < 0 ? 0 : cumulative[limit];
    }

    private static double[] Cumulative(double[] counts)
    {
        var total = counts.Sum();
        var cumulative = new double[counts.Length];
        double running = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            running += counts[i];
            cumulative[i] = running / total;
        }

        return cumulative;
    }

    /// <summary>Counts of arrangements per U value, index = U, for n1 and n2 values.</summary>
    internal static double[] Counts(int n1, int n2)
    {
        var maxU = n1 * n2;

        // layer[j][u] holds f(i, j, u) for the current i; doubles because C(98, 49) overflows longs.
        var layer = new double[n2 + 1][];
        for (var j = 0; j <= n2; j++)
        {
            layer[j] = new double[maxU + 1];
            layer[j][0] = 1; // f(0, j, 0) = 1: no first-sample values, U is 0.
        }

        for (var i = 1; i <= n1; i++)
        {
            var next = new double[n2 + 1][];
            next[0] = new double[maxU + 1];
            next[0][0] = 1; // f(i, 0, 0) = 1: nothing to beat.
            for (var j = 1; j <= n2; j++)
            {
                var row = new double[maxU + 1];
                var upper = i * j;
                for (var u = 0; u <= upper; u++)
                {
                    // The largest value belongs to the first sample (beats all j) or to the second.
                    var withLargestInFirst = u >= j ? layer[j][u - j] : 0;
                    row[u] = withLargestInFirst + next[j - 1][u];
                }

                next[j] = row;
            }

            layer = next;
        }

        return layer[n2];
    }
}
