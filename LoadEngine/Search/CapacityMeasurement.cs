namespace PerfFleet.LoadEngine.Search;

/// <summary>
/// What one probe measured at its rate: the intended-time p99 (coordinated-omission-correct), the
/// share of requests that failed (0.01 = 1 %) and the rate actually sent (requests/s).
/// </summary>
public sealed record CapacityMeasurement(double P99Ms, double ErrorRate, double AchievedRate);
