using PerfFleet.Comparison;

namespace PerfFleet.Bench.Verdicts;

/// <summary>
/// The thresholds a benchmark row judges with: latency ones as given, the rest at the defaults;
/// <paramref name="UnchangedWithinPercent"/> is <see cref="ComparisonOptions.UnchangedWithinPercent"/>
/// (0: the threshold alone); <paramref name="ErrorRatioFloor"/> is the error-ratio query's
/// <c>floor:</c> (0: none; 0.001 is 0.1 percentage points, the engine error rate's own floor);
/// <paramref name="WindowRunSpreadPercent"/> is what one run against one other assumes of each
/// run's offset (<see cref="ComparisonOptions.WindowRunSpreadPercent"/>; null: the default).
/// </summary>
internal sealed record BenchThresholds(double LatencyPercent, double UnchangedWithinPercent = 0, double ErrorRatioFloor = 0, double? WindowRunSpreadPercent = null)
{
    public double Query(string name) => name switch
    {
        "p99_ms" or "p50_ms" => LatencyPercent,
        "requests_per_second" => 5,
        _ => 10,
    };

    /// <summary>The error-ratio query's floor in the shipped rows: 0.1 percentage points, as the engine's error rate.</summary>
    public const double ShippedErrorRatioFloor = 0.001;

    public double QueryFloor(string name) => name == "error_ratio" ? ErrorRatioFloor : 0;

    public ComparisonOptions Options(PairedIntervalMethod interval) => new()
    {
        EngineP99ThresholdPercent = LatencyPercent,
        PairedInterval = interval,
        UnchangedWithinPercent = UnchangedWithinPercent,
        WindowRunSpreadPercent = WindowRunSpreadPercent ?? new ComparisonOptions().WindowRunSpreadPercent,
    };
}
