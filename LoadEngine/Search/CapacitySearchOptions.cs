using System.Globalization;

namespace PerfFleet.LoadEngine.Search;

/// <summary>
/// The bounds of a capacity search: rates from <see cref="From"/> to <see cref="To"/> requests/s,
/// the <see cref="Slo"/>, the relative <see cref="Tolerance"/> to which the knee is bracketed and the
/// probe budget <see cref="MaxSteps"/> (upward steps included).
/// </summary>
public sealed record CapacitySearchOptions
{
    public const double DefaultTolerance = 0.05;
    public const int DefaultMaxSteps = 8;

    public required CapacitySlo Slo { get; init; }

    public required double From { get; init; }

    public required double To { get; init; }

    /// <summary>Stop once the lowest failing rate is at most this fraction above the knee (0.05 = 5 %).</summary>
    public double Tolerance { get; init; } = DefaultTolerance;

    /// <summary>At most this many probes in all.</summary>
    public int MaxSteps { get; init; } = DefaultMaxSteps;

    /// <summary>
    /// The upward step's factor; null chooses one (<see cref="EffectiveStepFactor"/>) that reaches
    /// <see cref="To"/> with three probes of the budget left to bracket the knee.
    /// </summary>
    public double? StepFactor { get; init; }

    /// <summary>
    /// The step factor used: the one given, or at least ×2 and large enough that the upward steps
    /// reach <see cref="To"/> within <see cref="MaxSteps"/> − 3 probes. A fixed ×2 from 100/s would
    /// spend all 8 probes climbing to 12,800/s and leave none to find a knee near 10,000/s.
    /// </summary>
    public double EffectiveStepFactor => StepFactor ?? Math.Max(2, Math.Pow(To / From, 1.0 / Math.Max(1, MaxSteps - 3)));

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first wrong setting.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Slo);
        if (Slo.P99Ms is null && Slo.ErrorRate is null)
        {
            throw new ArgumentException("the SLO needs a p99 or an error rate (or both)", nameof(Slo));
        }

        if (Slo.P99Ms is { } p99 && !(p99 > 0 && double.IsFinite(p99)))
        {
            throw new ArgumentException(Invariant($"the SLO's p99 must be more than 0 ms, got {p99}"), nameof(Slo));
        }

        if (Slo.ErrorRate is { } errors && !(errors is >= 0 and <= 1))
        {
            throw new ArgumentException(Invariant($"the SLO's error rate must be a fraction from 0 to 1, got {errors}"), nameof(Slo));
        }

        if (!(From > 0 && double.IsFinite(From)))
        {
            throw new ArgumentException(Invariant($"must be more than 0 requests/s, got {From}"), nameof(From));
        }

        if (!(To >= From && double.IsFinite(To)))
        {
            throw new ArgumentException(Invariant($"must be at least From ({From}/s), got {To}"), nameof(To));
        }

        if (!(Tolerance is > 0 and < 1))
        {
            throw new ArgumentException(Invariant($"must be more than 0 and less than 1, got {Tolerance}"), nameof(Tolerance));
        }

        if (MaxSteps < 1)
        {
            throw new ArgumentException(Invariant($"must be at least 1, got {MaxSteps}"), nameof(MaxSteps));
        }

        if (StepFactor is { } factor && !(factor > 1 && double.IsFinite(factor)))
        {
            throw new ArgumentException(Invariant($"must be more than 1, got {factor}"), nameof(StepFactor));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
