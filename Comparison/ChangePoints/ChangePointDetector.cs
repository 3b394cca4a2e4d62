using Perfolizer.Mathematics.Cpd;

namespace PerfFleet.Comparison.ChangePoints;

/// <summary>
/// Finds steps in a metric's history of baselines (oldest first): Perfolizer's EdPelt proposes
/// the segmentation, and each proposed step must then pass <see cref="ChangePointRules"/> (large
/// enough, and large against the noise); a step that fails is merged away and its neighbours are
/// judged again on the merged segments. Pure; a 50-run history takes well under a millisecond.
/// </summary>
/// <remarks>
/// A step followed by fewer than <see cref="ChangePointRules.MinSegment"/> runs can only be placed
/// at the newest position that leaves a whole segment after it, so it shows early until enough
/// runs arrive; alerts wait for a step to settle (<see cref="NewSteps"/>).
/// </remarks>
public static class ChangePointDetector
{
    /// <summary>1.4826 × MAD estimates a normal standard deviation.</summary>
    private const double MadToSigma = 1.4826;

    /// <summary>A sample median's standard error is about √(π/2) times the mean's.</summary>
    private const double MedianEfficiency = 1.2533;

    public static IReadOnlyList<ChangePoint> Find(IReadOnlyList<double> values, ChangePointRules? rules = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        rules ??= ChangePointRules.Default;
        rules.Validate();
        var n = values.Count;
        if (values.Any(v => !double.IsFinite(v)))
        {
            throw new ArgumentException("every value must be a finite number", nameof(values));
        }

        if (n < 2 * rules.MinSegment)
        {
            return [];
        }

        // Latencies and rates change by factors, so steps and noise are judged on log values when
        // the metric allows it (an error rate can be 0). EdPelt itself is rank-based and would find
        // the same segmentation either way; the log matters for the noise test below.
        var positive = values.All(v => v > 0);
        var scaled = positive ? values.Select(v => Math.Log(v)).ToArray() : values.ToArray();

        // EdPelt answers the last index of each segment but the final one; a step's position is the
        // first index after it.
        var boundaries = EdPeltChangePointDetector.Instance.GetChangePointIndexes(scaled, rules.MinSegment)
            .Select(i => i + 1)
            .Where(b => b >= rules.MinSegment && n - b >= rules.MinSegment)
            .Distinct()
            .Order()
            .ToList();

        Refine(scaled, boundaries, rules.MinSegment);
        while (boundaries.Count > 0)
        {
            var sigma = WithinSegmentSigma(scaled, boundaries);
            var weakest = -1;
            var weakestScore = double.PositiveInfinity;
            for (var i = 0; i < boundaries.Count; i++)
            {
                var (start, end) = (i == 0 ? 0 : boundaries[i - 1], i == boundaries.Count - 1 ? n : boundaries[i + 1]);
                var score = Score(values, scaled, start, boundaries[i], end, sigma, rules);
                if (score < weakestScore)
                {
                    (weakest, weakestScore) = (i, score);
                }
            }

            // Score ≥ 1 passes both rules. Merging only the weakest failure at a time keeps a real
            // step whose segment was cut short by a spurious one.
            if (weakestScore >= 1)
            {
                break;
            }

            boundaries.RemoveAt(weakest);
            Refine(scaled, boundaries, rules.MinSegment);
        }

        var steps = new List<ChangePoint>(boundaries.Count);
        for (var i = 0; i < boundaries.Count; i++)
        {
            var start = i == 0 ? 0 : boundaries[i - 1];
            var end = i == boundaries.Count - 1 ? n : boundaries[i + 1];
            var before = Slice(values, start, boundaries[i]);
            var after = Slice(values, boundaries[i], end);
            var medianBefore = SampleStatistics.Median(before);
            var medianAfter = SampleStatistics.Median(after);
            steps.Add(new ChangePoint(boundaries[i], before.Average(), medianBefore, after.Average(), medianAfter, SampleStatistics.ChangePercent(medianBefore, medianAfter)));
        }

        return steps;
    }

    /// <summary>
    /// Moves each step to the position between its neighbours that best splits them in least
    /// squares (of log values: the noise is lognormal). EdPelt's rank cost places a step well but
    /// often one run early or late when a noisy run sits at the edge; the step's commit is what an
    /// alert names, so its position matters.
    /// </summary>
    private static void Refine(double[] scaled, List<int> boundaries, int minSegment)
    {
        for (var i = 0; i < boundaries.Count; i++)
        {
            var start = i == 0 ? 0 : boundaries[i - 1];
            var end = i == boundaries.Count - 1 ? scaled.Length : boundaries[i + 1];
            var total = 0.0;
            for (var j = start; j < end; j++)
            {
                total += scaled[j];
            }

            // Splitting [start, end) at b costs SSE = Σx² − S₁²/n₁ − S₂²/n₂; Σx² is fixed, so the
            // best split maximises S₁²/n₁ + S₂²/n₂.
            var best = boundaries[i];
            var bestGain = double.NegativeInfinity;
            var left = 0.0;
            for (var b = start + 1; b < end; b++)
            {
                left += scaled[b - 1];
                if (b - start < minSegment || end - b < minSegment)
                {
                    continue;
                }

                var right = total - left;
                var gain = left * left / (b - start) + right * right / (end - b);
                if (gain > bestGain)
                {
                    (best, bestGain) = (b, gain);
                }
            }

            boundaries[i] = best;
        }
    }

    /// <summary>
    /// How far the step at <paramref name="at"/> clears the weaker of the two rules, as a ratio (≥ 1
    /// passes both).
    /// </summary>
    private static double Score(IReadOnlyList<double> values, double[] scaled, int start, int at, int end, double sigma, ChangePointRules rules)
    {
        var (before, after) = (SampleStatistics.Median(Slice(values, start, at)), SampleStatistics.Median(Slice(values, at, end)));
        var change = Math.Abs(SampleStatistics.ChangePercent(before, after));
        var bySize = rules.MinChangePercent == 0 ? double.PositiveInfinity : change / rules.MinChangePercent;
        if (double.IsNaN(bySize) || change == 0 || Math.Abs(after - before) < rules.MinAbsoluteChange)
        {
            return 0;
        }

        var shift = Math.Abs(SampleStatistics.Median(Slice(scaled, at, end)) - SampleStatistics.Median(Slice(scaled, start, at)));
        var standardError = MedianEfficiency * sigma * Math.Sqrt(1.0 / (at - start) + 1.0 / (end - at));
        var byNoise = rules.MinShiftSigmas == 0 || standardError == 0 ? double.PositiveInfinity : shift / standardError / rules.MinShiftSigmas;
        return Math.Min(bySize, byNoise);
    }

    /// <summary>
    /// The noise of the whole history around its segments' medians (robust: MAD). One estimate for
    /// all segments, since a five-run segment alone says little about its spread.
    /// </summary>
    private static double WithinSegmentSigma(double[] scaled, List<int> boundaries)
    {
        var deviations = new double[scaled.Length];
        var start = 0;
        for (var i = 0; i <= boundaries.Count; i++)
        {
            var end = i == boundaries.Count ? scaled.Length : boundaries[i];
            var median = SampleStatistics.Median(Slice(scaled, start, end));
            for (var j = start; j < end; j++)
            {
                deviations[j] = Math.Abs(scaled[j] - median);
            }

            start = end;
        }

        return MadToSigma * SampleStatistics.Median(deviations);
    }

    private static double[] Slice(IReadOnlyList<double> values, int start, int end)
    {
        var slice = new double[end - start];
        for (var i = start; i < end; i++)
        {
            slice[i - start] = values[i];
        }

        return slice;
    }
}
