namespace PerfFleet.Comparison;

/// <summary>
/// Holm's step-down correction: over m tests, the one with the k-th smallest p (k from 0) is
/// judged at alpha / (m - k), and none after the first that fails. It holds the chance of any
/// false alarm among a run's metrics at alpha whatever their dependence, and is never less
/// powerful than Bonferroni. Each metric's interval is shown at its own level, 1 - alpha / (m - k),
/// so a reader sees the interval the verdict used.
/// </summary>
public static class HolmCorrection
{
    public sealed record Level(double AdjustedP, double Confidence);

    /// <summary>Per p-value in the given order: Holm's adjusted p (reject when at most alpha) and its interval's confidence.</summary>
    public static IReadOnlyList<Level> Apply(IReadOnlyList<double> pValues, double alpha)
    {
        ArgumentNullException.ThrowIfNull(pValues);
        var m = pValues.Count;
        var order = Enumerable.Range(0, m).OrderBy(i => pValues[i]).ToArray();
        var levels = new Level[m];
        var running = 0.0;
        for (var rank = 0; rank < m; rank++)
        {
            var index = order[rank];
            var p = double.IsNaN(pValues[index]) ? 1 : pValues[index];
            running = Math.Max(running, Math.Min(1, (m - rank) * p)); // adjusted p values never decrease with rank
            levels[index] = new Level(running, 1 - (alpha / (m - rank)));
        }

        return levels;
    }

    /// <summary>The sentence for Comparison.correction.</summary>
    public static string Describe(int metrics, double alpha) => metrics switch
    {
        0 => "none: no metric had a test",
        1 => FormattableString.Invariant($"one tested metric, at alpha {alpha:G3}"),
        _ => FormattableString.Invariant($"Holm over {metrics} metrics at alpha {alpha:G3}: the k-th smallest p is judged at alpha/({metrics}-k+1), each interval shown at that level"),
    };
}
