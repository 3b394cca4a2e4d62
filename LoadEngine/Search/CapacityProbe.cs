namespace PerfFleet.LoadEngine.Search;

/// <summary>
/// One step of a capacity search: the requested <paramref name="Rate"/>, what it measured, whether
/// it met the SLO and why not (or "meets the SLO"). <paramref name="ErrorRate"/> is a fraction.
/// </summary>
public sealed record CapacityProbe(double Rate, double P99Ms, double ErrorRate, double AchievedRate, bool Passed, string Reason)
{
    /// <summary>
    /// The probe failed on errors or on a rate it could not keep up, so its <see cref="Goodput"/> is
    /// an estimate of what the system can serve (a slow p99 alone says nothing of the kind).
    /// </summary>
    public bool ThroughputBound { get; init; }

    /// <summary>The rate the system answered at, when measured apart from <see cref="AchievedRate"/>.</summary>
    public double? ServedRate { get; init; }

    /// <summary>Requests/s answered without error: what the system served at this rate.</summary>
    public double Goodput => (ServedRate ?? AchievedRate) * (1 - Math.Clamp(ErrorRate, 0, 1));
}
