using PerfFleet.Contracts.V1;

namespace PerfFleet.Comparison;

/// <summary>The load engine's own metrics that every run is compared on, besides its queries.</summary>
public static class EngineMetrics
{
    public const string P99Ms = "engine.p99_ms";
    public const string AchievedRate = "engine.achieved_rate";
    public const string ErrorRate = "engine.error_rate";

    /// <summary>A capacity search's knee: the highest rate that met the SLO (only runs that searched have it).</summary>
    public const string CapacityRps = "engine.capacity_rps";

    public static IReadOnlyList<MetricSpec> Specs(ComparisonOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return
        [
            new MetricSpec(P99Ms, MetricSpec.EngineSource, Better.Lower, options.EngineP99ThresholdPercent),
            new MetricSpec(AchievedRate, MetricSpec.EngineSource, Better.Higher, options.EngineAchievedRateThresholdPercent),
            new MetricSpec(ErrorRate, MetricSpec.EngineSource, Better.Lower, options.EngineErrorRateThresholdPercent, options.EngineErrorRateFloorPoints),
            new MetricSpec(CapacityRps, MetricSpec.EngineSource, Better.Higher, options.EngineCapacityThresholdPercent),
        ];
    }

    /// <summary>The single whole-run value of an engine metric, or null when the summary lacks it.</summary>
    public static double? SingleValue(LoadSummary summary, string metric)
    {
        ArgumentNullException.ThrowIfNull(summary);
        if (metric == CapacityRps || summary.Capacity is not null)
        {
            // A search's totals mix its probes' rates, which says nothing of one rate: only its knee is compared.
            return metric == CapacityRps ? summary.Capacity?.KneeRps : null;
        }

        var total = summary.Total;
        if (total is null)
        {
            return null;
        }

        return metric switch
        {
            P99Ms => total.LatencyIntended?.Percentiles?.P99Ms,
            AchievedRate => total.AchievedRate,
            ErrorRate => total.Requests > 0 ? (double)total.Errors / total.Requests * 100 : null,
            _ => null,
        };
    }

    /// <summary>Samples for an engine metric: per-interval ones when given, else the summary's single value.</summary>
    public static IReadOnlyList<double>? Samples(RunMeasurements run, string metric)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.EngineSamples is not null && run.EngineSamples.TryGetValue(metric, out var perInterval) && perInterval.Count > 0)
        {
            return perInterval;
        }

        var single = run.Summary is null ? null : SingleValue(run.Summary, metric);
        return single is { } value ? [value] : null;
    }
}
