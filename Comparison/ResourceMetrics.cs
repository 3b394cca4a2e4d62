using PerfFleet.Contracts.Scenarios;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Comparison;

/// <summary>
/// The stack's resource use that every run is compared on, per container (compose) or process
/// group (local stack): CPU in cores and memory in MiB (the worker reports bytes; MiB keeps the
/// medians readable on the PR and the web page, and scaling changes neither the relative change
/// nor the rank test). A metric is named <c>{container}.cpu_cores</c> or <c>{container}.memory_mib</c>
/// with the source <see cref="MetricSpec.ResourceSource"/>.
/// </summary>
public static class ResourceMetrics
{
    public const string CpuSuffix = ".cpu_cores";
    public const string MemorySuffix = ".memory_mib";
    public const double BytesPerMebibyte = 1024 * 1024;

    /// <summary>More cores than any machine a worker runs on: such a reading is a broken probe.</summary>
    public const double MaxCores = 100_000;

    /// <summary>One pebibyte: more memory than any machine a worker runs on.</summary>
    public const double MaxMemoryBytes = 1024d * 1024 * 1024 * 1024 * 1024;

    /// <summary>The name a series without one is compared under.</summary>
    public const string UnnamedContainer = "(unnamed)";

    public static ResourceKind Cpu { get; } = new(
        CpuSuffix, "CPU", series => series.CpuCores, series => series.CpuRule,
        options => options.CpuThresholdPercent, options => options.CpuFloorCores, ScenarioResourceRule.MaxCpuFloorCores, 1, MaxCores);

    public static ResourceKind Memory { get; } = new(
        MemorySuffix, "memory", series => series.MemoryBytes, series => series.MemoryRule,
        options => options.MemoryThresholdPercent, options => options.MemoryFloorMiB, ScenarioResourceRule.MaxMemoryFloorMiB, 1 / BytesPerMebibyte, MaxMemoryBytes);

    /// <summary>CPU first, then memory: the order of the rows of one container.</summary>
    public static IReadOnlyList<ResourceKind> Kinds { get; } = [Cpu, Memory];

    public static string MetricName(string container, ResourceKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return ContainerName(container) + kind.Suffix;
    }

    public static string ContainerName(string? name) => string.IsNullOrWhiteSpace(name) ? UnnamedContainer : name;

    /// <summary>
    /// How one resource of <paramref name="series"/>' container is judged: lower is better, with the
    /// threshold and floor its scenario set (<see cref="ResourceSeries.CpuRule"/>,
    /// <see cref="ResourceSeries.MemoryRule"/>), and the configured ones for what it left out.
    /// </summary>
    public static MetricSpec Spec(ResourceSeries series, ResourceKind kind, ResourceComparisonOptions options)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(options);
        var rule = kind.Rule(series);
        return new MetricSpec(
            MetricName(series.Name, kind),
            MetricSpec.ResourceSource,
            Better.Lower,
            Pick(rule?.HasThresholdPercent == true, rule?.ThresholdPercent ?? 0, ScenarioQuery.MaxThresholdPercent, kind.ConfiguredThreshold(options)),
            Pick(rule?.HasFloor == true, rule?.Floor ?? 0, kind.MaxRuleFloor, kind.ConfiguredFloor(options)));
    }

    // The scenario's value when it set one within the parser's bounds. A value outside them did not
    // come from a scenario file (a broken or hostile worker): the configured one judges instead of
    // NaN or a negative threshold.
    private static double Pick(bool set, double value, double max, double configured) =>
        set && double.IsFinite(value) && value >= 0 && value <= max ? value : configured;

    /// <summary>
    /// A run's series by container name. Two series with the same name (a worker restarting its
    /// probe) are one container: their samples are pooled, and the first rule given is kept (the
    /// worker writes the same scenario's rules into each).
    /// </summary>
    public static SortedDictionary<string, ResourceSeries> ByContainer(IEnumerable<ResourceSeries> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var byName = new SortedDictionary<string, ResourceSeries>(StringComparer.Ordinal);
        foreach (var one in series)
        {
            var name = ContainerName(one.Name);
            if (!byName.TryGetValue(name, out var pooled))
            {
                pooled = new ResourceSeries { Name = name };
                byName[name] = pooled;
            }

            pooled.CpuCores.Add(one.CpuCores);
            pooled.MemoryBytes.Add(one.MemoryBytes);
            pooled.CpuRule ??= one.CpuRule;
            pooled.MemoryRule ??= one.MemoryRule;
            pooled.NotJudged |= one.NotJudged;
        }

        return byName;
    }
}
