using System.ComponentModel.DataAnnotations;
using PerfFleet.Contracts.Scenarios;

namespace PerfFleet.Comparison;

/// <summary>
/// Options under <c>PerfFleet:Comparison:Resources</c>: how the stack's container CPU and memory
/// are judged. Both are "lower is better" and judged like a query (median change past the
/// threshold, significant after the run's correction for many metrics).
/// </summary>
public sealed class ResourceComparisonOptions
{
    /// <summary>False leaves CPU and memory out of the comparison (they are still stored and charted).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Relative threshold of a container's median CPU use (cores).</summary>
    [Range(0, 10_000)]
    public double CpuThresholdPercent { get; set; } = 10;

    /// <summary>Relative threshold of a container's median memory use.</summary>
    [Range(0, 10_000)]
    public double MemoryThresholdPercent { get; set; } = 10;

    /// <summary>
    /// The CPU median must also move by this many cores: an idle sidecar going from 0.002 to
    /// 0.004 cores is +100 %, which no user would call a regression.
    /// </summary>
    [Range(0, ScenarioResourceRule.MaxCpuFloorCores)]
    public double CpuFloorCores { get; set; } = 0.02;

    /// <summary>The memory median must also move by this many MiB, for the same reason as <see cref="CpuFloorCores"/>.</summary>
    [Range(0, ScenarioResourceRule.MaxMemoryFloorMiB)]
    public double MemoryFloorMiB { get; set; } = 4;
}
