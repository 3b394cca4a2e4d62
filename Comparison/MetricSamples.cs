using PerfFleet.Contracts.V1;

namespace PerfFleet.Comparison;

/// <summary>
/// One metric of one measured window: its finite samples per series in time order (a query's
/// series, a container's pooled series, or an engine metric's single value), or the problem that
/// left none (<see cref="Problem"/> with <see cref="Reason"/>). <see cref="Note"/> names samples
/// that were skipped.
/// </summary>
internal sealed record MetricSamples(MetricSpec Spec, IReadOnlyList<IReadOnlyList<double>> Series, Verdict? Problem = null, string Reason = "", string Note = "")
{
    public static MetricSamples Failed(MetricSpec spec, string reason) => new(spec, [], Verdict.Error, reason);

    private double? _summary;

    public IReadOnlyList<double> Values => [.. Series.SelectMany(s => s)];

    /// <summary>The window's one value: the median of all its samples (robust to a spike, and what a run page shows).</summary>
    public double Summary => _summary ??= SampleStatistics.Median(Values);
}
