using PerfFleet.Comparison;

namespace PerfFleet.Bench.Verdicts;

/// <summary>The thresholds a benchmark row judges with: latency ones as given, the rest at the defaults.</summary>
internal sealed record BenchThresholds(double LatencyPercent)
{
    public double Query(string name) => name switch
    {
        "p99_ms" or "p50_ms" => LatencyPercent,
        "requests_per_second" => 5,
        _ => 10,
    };

    public ComparisonOptions Options(PairedIntervalMethod interval) => new()
    {
        EngineP99ThresholdPercent = LatencyPercent,
        PairedInterval = interval,
    };
}
