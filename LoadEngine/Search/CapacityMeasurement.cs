namespace PerfFleet.LoadEngine.Search;

/// <summary>
/// What one probe measured at its rate: the intended-time p99 (coordinated-omission-correct), the
/// share of requests that failed (0.01 = 1 %) and the rate actually sent (requests/s).
/// </summary>
public sealed record CapacityMeasurement(double P99Ms, double ErrorRate, double AchievedRate)
{
    /// <summary>
    /// The rate the system answered at, when the probe knows it apart from <see cref="AchievedRate"/>
    /// (a generator held back by busy connections); null: the achieved rate.
    /// </summary>
    public double? ServedRate { get; init; }
}
