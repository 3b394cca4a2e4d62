using PerfFleet.Comparison;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Web.Charts;
using PerfFleet.Coordinator.Web.Html;

namespace PerfFleet.Coordinator.Web.RunDetails;

/// <summary>
/// Turns the stored resource series (what the worker sampled per container or process) into
/// the run page's CPU and memory charts and table. x is seconds into the run's sampling window,
/// the same convention as the query charts.
/// </summary>
internal static class ResourceUsageBuilder
{
    /// <summary>Past this many lines a chart's legend and colours stop telling containers apart.</summary>
    public const int MaxChartedContainers = 6;

    public const string CpuResource = "cpu";
    public const string MemoryResource = "memory";

    /// <param name="test">The run's series.</param>
    /// <param name="baseline">The baseline's series (empty without one).</param>
    /// <param name="testSummary">The run's load summary: its measured window is the one the comparison reads samples from.</param>
    /// <param name="baselineSummary">The baseline's load summary.</param>
    /// <param name="comparison">The run's comparison: a container it judged shows its medians and change, so one metric has one number on the page.</param>
    public static ResourceUsage Build(
        IReadOnlyList<ResourceSeries> test,
        IReadOnlyList<ResourceSeries> baseline,
        LoadSummary? testSummary = null,
        LoadSummary? baselineSummary = null,
        Contracts.V1.Comparison? comparison = null)
    {
        // By container as the comparison sees them: a repeated name pooled, a blank one named.
        var containers = ResourceMetrics.ByContainer(test).Values;
        var start = containers.SelectMany(s => s.CpuCores.Concat(s.MemoryBytes))
            .Select(s => MeasuredWindow.TryTime(s.Time, out var time) ? time : (DateTimeOffset?)null)
            .Min() ?? default;

        // Busiest first: the containers that matter most get the charts when there are many.
        var ordered = containers
            .Where(s => s.CpuCores.Count + s.MemoryBytes.Count > 0)
            .OrderByDescending(s => s.CpuCores.Select(sample => sample.Value).Where(double.IsFinite).DefaultIfEmpty().Max())
            .ThenBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
        var charted = ordered.Take(MaxChartedContainers).ToList();
        var cpu = new LineChart(
            "CPU (cores)",
            [.. charted.Select(s => Series(s.Name, s.CpuCores, start, ResourceMetrics.Cpu, "cores"))],
            FormatSeconds,
            "cores");
        var memory = new LineChart(
            "Memory (MiB)",
            [.. charted.Select(s => Series(s.Name, s.MemoryBytes, start, ResourceMetrics.Memory, "MiB"))],
            FormatSeconds,
            "MiB");

        var baselineByName = ResourceMetrics.ByContainer(baseline);
        var windows = (MeasuredWindow.Of(testSummary), MeasuredWindow.Of(baselineSummary));
        var judged = comparison?.Metrics.Where(m => m.Source == MetricSpec.ResourceSource).ToDictionary(m => m.Metric, StringComparer.Ordinal) ?? [];
        var rows = new List<ResourceUsageRow>();
        foreach (var series in ordered)
        {
            var before = baselineByName.GetValueOrDefault(series.Name);
            AddRow(rows, series, before, windows, judged, CpuResource, "cores", ResourceMetrics.Cpu);
            AddRow(rows, series, before, windows, judged, MemoryResource, "MiB", ResourceMetrics.Memory);
        }

        return new ResourceUsage(cpu, memory, rows, ordered.Count - charted.Count);
    }

    /// <summary>A chart line; a sample without a readable time or value is left out rather than breaking the page.</summary>
    private static ChartSeries Series(string name, IEnumerable<Sample> samples, DateTimeOffset start, ResourceKind kind, string unit) =>
        new(name, [.. samples
            .Where(sample => double.IsFinite(sample.Value) && MeasuredWindow.TryTime(sample.Time, out _))
            .Select(sample =>
            {
                var seconds = (sample.Time.ToDateTimeOffset() - start).TotalSeconds;
                var value = sample.Value * kind.Scale;
                return new ChartPoint(seconds, value, $"{name}: {DisplayText.Number(value)} {unit} at +{FormatSeconds(seconds)}");
            })]);

    /// <summary>
    /// A table row from the samples the comparison reads (<see cref="ResourceSampleFilter"/> over
    /// the measured window). Where the comparison judged the container, its medians and change are
    /// shown instead of being computed again: a paired run's are over its pairs, not this
    /// repetition's window, and two numbers for one metric on one page read as a bug.
    /// </summary>
    private static void AddRow(
        List<ResourceUsageRow> rows,
        ResourceSeries series,
        ResourceSeries? baseline,
        (MeasuredWindow? Test, MeasuredWindow? Baseline) windows,
        Dictionary<string, MetricComparison> judged,
        string resource,
        string unit,
        ResourceKind kind)
    {
        var values = ResourceSampleFilter.Clean(kind.Samples(series), kind, windows.Test).Values;
        if (values.Count == 0)
        {
            // CPU needs two readings to give a rate: a one-reading container has memory only.
            return;
        }

        var before = baseline is null ? [] : ResourceSampleFilter.Clean(kind.Samples(baseline), kind, windows.Baseline).Values;
        var median = SampleStatistics.Median(values);
        double? baselineMedian = before.Count == 0 ? null : SampleStatistics.Median(before);
        double? change = baselineMedian is { } b ? SampleStatistics.ChangePercent(b, median) : null;
        if (judged.GetValueOrDefault(ResourceMetrics.MetricName(series.Name, kind)) is { } row && double.IsFinite(row.TestMedian))
        {
            median = row.TestMedian;
            baselineMedian = double.IsFinite(row.BaselineMedian) ? row.BaselineMedian : null;
            change = baselineMedian is null || !double.IsFinite(row.ChangePercent) ? null : row.ChangePercent;
        }

        rows.Add(new ResourceUsageRow(series.Name, resource, unit, median, values.Max(), values.Count, baselineMedian, change, series.NotJudged));
    }

    private static string FormatSeconds(double seconds) => DisplayText.Duration(TimeSpan.FromSeconds(seconds));
}
