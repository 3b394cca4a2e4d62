namespace PerfFleet.Comparison.ChangePoints;

/// <summary>
/// The steps that a history's newest run settles for the first time, so an alert is sent once
/// per step without storing which steps were alerted.
/// </summary>
/// <remarks>
/// <para>
/// A step is <em>settled</em> in a history when at least <see cref="ChangePointRules.MinSegment"/>
/// + <c>settle</c> runs follow it. The extra runs matter: while a step is younger than
/// MinSegment runs, the detector can only place it at the last position it can resolve, early by
/// as many runs as are missing, and an alert would name the wrong commit. With one more run, that
/// edge position is no longer the newest resolvable one and the step sits where it belongs.
/// </para>
/// <para>
/// With every new run the detector is asked again. A step is new when it is settled in the whole
/// history and recent (at most <c>lookBack</c> runs later than the first moment it could have
/// settled), and no history ending 1 … <c>lookBack</c> runs earlier had it settled (within
/// <see cref="SamePosition"/> runs: a step can move by a run as more runs arrive). Those shorter
/// histories are exactly the ones that alerted before, so each step is alerted once, even when it
/// settled a few runs late or flickered out and back. A step that settles only later than that is
/// shown on the history but not alerted.
/// </para>
/// </remarks>
public static class NewSteps
{
    /// <summary>Positions this close are one step found twice.</summary>
    public const int SamePosition = 2;

    public static IReadOnlyList<ChangePoint> Find(IReadOnlyList<double> values, ChangePointRules rules, int settle, int lookBack)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentOutOfRangeException.ThrowIfNegative(settle);
        ArgumentOutOfRangeException.ThrowIfNegative(lookBack);
        var n = values.Count;
        var fresh = Settled(values, n, rules, settle)
            .Where(s => s.FirstAfterIndex >= n - rules.MinSegment - settle - lookBack)
            .ToList();
        for (var shorter = 1; shorter <= lookBack && fresh.Count > 0 && n - shorter >= 2 * rules.MinSegment; shorter++)
        {
            var earlier = Settled(values, n - shorter, rules, settle);
            fresh.RemoveAll(s => earlier.Any(e => Math.Abs(e.FirstAfterIndex - s.FirstAfterIndex) <= SamePosition));
        }

        return fresh;
    }

    /// <summary>The steps of the first <paramref name="count"/> runs that enough runs follow.</summary>
    private static List<ChangePoint> Settled(IReadOnlyList<double> values, int count, ChangePointRules rules, int settle)
    {
        var prefix = new double[count];
        for (var i = 0; i < count; i++)
        {
            prefix[i] = values[i];
        }

        return ChangePointDetector.Find(prefix, rules).Where(s => s.FirstAfterIndex <= count - rules.MinSegment - settle).ToList();
    }
}
