using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace PerfFleet.Coordinator.Comparison;

/// <summary>Options under <c>PerfFleet:Comparison</c>.</summary>
public sealed class ComparisonOptions
{
    public const string SectionName = "PerfFleet:Comparison";

    /// <summary>Significance level of the rank test. 0.01: one false alarm in a hundred unchanged metrics.</summary>
    [Range(1e-9, 0.5)]
    public double Alpha { get; set; } = 0.01;

    /// <summary>Relative threshold for the load engine's intended-time p99 latency.</summary>
    [Range(0, 10_000)]
    public double EngineP99ThresholdPercent { get; set; } = 10;

    /// <summary>Relative threshold for the load engine's achieved request rate.</summary>
    [Range(0, 10_000)]
    public double EngineAchievedRateThresholdPercent { get; set; } = 5;

    /// <summary>Relative threshold for the load engine's error rate (errors per 100 requests).</summary>
    [Range(0, 10_000)]
    public double EngineErrorRateThresholdPercent { get; set; } = 10;

    /// <summary>
    /// The error rate must also move by this many percentage points: from 0 % a single error is
    /// an infinite relative change, which is not a regression on its own.
    /// </summary>
    [Range(0, 100)]
    public double EngineErrorRateFloorPoints { get; set; } = 0.1;

    /// <summary>CPU and memory of the stack's containers, under <c>PerfFleet:Comparison:Resources</c>.</summary>
    [Required]
    [ValidateObjectMembers]
    public ResourceComparisonOptions Resources { get; set; } = new();
}
