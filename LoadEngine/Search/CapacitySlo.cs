using System.Globalization;

namespace PerfFleet.LoadEngine.Search;

/// <summary>
/// What a rate must meet to count as sustainable: an intended-time p99 at or below
/// <paramref name="P99Ms"/> and an error rate (a fraction, 0.01 = 1 %) at or below
/// <paramref name="ErrorRate"/>; a part left null is not checked, but at least one must be set.
/// Whatever the SLO, a probe whose achieved rate falls below <see cref="MinAchievedShare"/> of the
/// requested rate fails: the generator or the system could not keep up, so the rate was never tested.
/// </summary>
public sealed record CapacitySlo(double? P99Ms, double? ErrorRate)
{
    /// <summary>The share of the requested rate a probe must achieve to count as having run at that rate.</summary>
    public const double MinAchievedShare = 0.95;

    /// <summary>Judges one measurement at <paramref name="rate"/> requests/s against this SLO.</summary>
    public CapacityProbe Judge(double rate, CapacityMeasurement measurement)
    {
        ArgumentNullException.ThrowIfNull(measurement);
        var misses = new List<string>(3);
        if (P99Ms is { } p99 && !(measurement.P99Ms <= p99))
        {
            misses.Add(Invariant($"p99 {measurement.P99Ms:0.###} ms > {p99:0.###} ms"));
        }

        if (ErrorRate is { } errors && !(measurement.ErrorRate <= errors))
        {
            misses.Add(Invariant($"error rate {measurement.ErrorRate * 100:0.##}% > {errors * 100:0.##}%"));
        }

        if (!(measurement.AchievedRate >= rate * MinAchievedShare))
        {
            misses.Add(Invariant($"achieved {measurement.AchievedRate:0.#}/s < {MinAchievedShare * 100:0}% of {rate:0.#}/s"));
        }

        var passed = misses.Count == 0;
        return new CapacityProbe(rate, measurement.P99Ms, measurement.ErrorRate, measurement.AchievedRate, passed, passed ? "meets the SLO" : string.Join("; ", misses))
        {
            ServedRate = measurement.ServedRate,

            // Errors and a rate not kept up say how much the system did serve; a slow p99 alone does not.
            ThroughputBound = !passed && ((ErrorRate is { } e && !(measurement.ErrorRate <= e)) || !(measurement.AchievedRate >= rate * MinAchievedShare)),
        };
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
