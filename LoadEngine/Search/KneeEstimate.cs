namespace PerfFleet.LoadEngine.Search;

/// <summary>
/// Where between the highest passing and the lowest failing probe the knee probably is, and so where
/// to probe next. A pure geometric bisection of 100–20,000/s to 5 % needs 7 probes after the
/// first, so, as Brent's method does for root finding, the search probes a measured estimate when
/// it has one and falls back to the geometric midpoint when it has none.
/// </summary>
internal static class KneeEstimate
{
    /// <summary>
    /// The knee's estimate from the two bounds: the failing probe's goodput when it failed on errors
    /// or throughput (a refusing or saturated system serves about its capacity whatever is asked);
    /// else, when it failed on p99, where 1 / p99 crosses 1 / SLO on the line through the two probes.
    /// Null when neither applies or the estimate is not below the failing rate; at least the passing rate.
    /// </summary>
    public static double? Of(CapacityProbe pass, CapacityProbe fail, CapacitySlo slo, double tolerance)
    {
        double? estimate = null;

        // A system that served clearly less than it was asked (by more than half the tolerance) shows its
        // capacity even when only the p99 failed; a probe that missed by a hair shows nothing.
        if (fail.ThroughputBound || fail.Goodput <= fail.Rate * (1 - (tolerance / 2)))
        {
            estimate = fail.Goodput;
        }
        else if (slo.P99Ms is { } target && pass.P99Ms > 0 && pass.P99Ms < target && fail.P99Ms > target)
        {
            // Queueing delay grows as 1 / (1 − load), so 1 / p99 falls about linearly with the rate.
            var t = ((1 / pass.P99Ms) - (1 / target)) / ((1 / pass.P99Ms) - (1 / fail.P99Ms));
            estimate = pass.Rate + ((fail.Rate - pass.Rate) * t);
        }

        // An estimate at or below the passing rate still says the knee is close above it.
        return estimate is { } e && e < fail.Rate && double.IsFinite(e) ? Math.Max(e, pass.Rate) : null;
    }

    /// <summary>
    /// The next rate to probe between <paramref name="low"/> (passed) and <paramref name="high"/>
    /// (failed): just below the estimate, so that it passes and one probe at the tolerance above it
    /// brackets the knee; that probe once the estimate is within the tolerance of the low bound; the geometric midpoint
    /// without an estimate or when the estimate leaves no room.
    /// </summary>
    public static double NextRate(double low, double high, double? estimate, double tolerance)
    {
        var midpoint = Math.Sqrt(low * high);
        if (estimate is not { } e)
        {
            return midpoint;
        }

        // An estimate within the tolerance above the low bound: one probe at the tolerance decides it.
        var next = e <= low * (1 + tolerance) ? low * (1 + tolerance) : e / Math.Sqrt(1 + tolerance);
        return next < high * (1 - 1e-6) ? next : midpoint;
    }
}
