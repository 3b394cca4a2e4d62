using Google.Protobuf.Collections;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Comparison;
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

    private const double BytesPerMebibyte = 1024 * 1024;

    public static ResourceUsage Build(IReadOnlyList<ResourceSeries> test, IReadOnlyList<ResourceSeries> baseline)
    {
        var start = test.SelectMany(s => s.CpuCores.Concat(s.MemoryBytes))
            .Select(s => s.Time.ToDateTimeOffset())
            .DefaultIfEmpty()
            .Min();

        // Busiest first: the containers that matter most get the charts when there are many.
        var ordered = test
            .Where(s => s.CpuCores.Count + s.MemoryBytes.Count > 0)
            .OrderByDescending(s => s.CpuCores.Count == 0 ? 0 : s.CpuCores.Max(sample => sample.Value))
            .ThenBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
        var charted = ordered.Take(MaxChartedContainers).ToList();
        var cpu = new LineChart(
            "CPU (cores)",
            [.. charted.Select(s => Series(s.Name, s.CpuCores, start, v => v, "cores"))],
            FormatSeconds,
            "cores");
        var memory = new LineChart(
            "Memory (MiB)",
            [.. charted.Select(s => Series(s.Name, s.MemoryBytes, start, v => v / BytesPerMebibyte, "MiB"))],
            FormatSeconds,
            "MiB");

        var baselineByName = baseline.GroupBy(s => s.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var rows = new List<ResourceUsageRow>();
        foreach (var series in ordered)
        {
            var before = baselineByName.GetValueOrDefault(series.Name);
            AddRow(rows, series.Name, CpuResource, "cores", series.CpuCores, before?.CpuCores, v => v);
            AddRow(rows, series.Name, MemoryResource, "MiB", series.MemoryBytes, before?.MemoryBytes, v => v / BytesPerMebibyte);
        }

        return new ResourceUsage(cpu, memory, rows, ordered.Count - charted.Count);
    }

    private static ChartSeries Series(string name, IEnumerable<Sample> samples, DateTimeOffset start, Func<double, double> scale, string unit) =>
        new(name, [.. samples.Select(sample =>
        {
            var seconds = (sample.Time.ToDateTimeOffset() - start).TotalSeconds;
            var value = scale(sample.Value);
            return new ChartPoint(seconds, value, $"{name}: {DisplayText.Number(value)} {unit} at +{FormatSeconds(seconds)}");
        })]);

    private static void AddRow(List<ResourceUsageRow> rows, string name, string resource, string unit, RepeatedField<Sample> samples, RepeatedField<Sample>? baseline, Func<double, double> scale)
    {
        if (samples.Count == 0)
        {
            // CPU needs two readings to give a rate: a one-reading container has memory only.
            return;
        }

        var values = samples.Select(s => scale(s.Value)).ToList();
        var baselineMedian = baseline is null || baseline.Count == 0 ? (double?)null : SampleStatistics.Median([.. baseline.Select(s => scale(s.Value))]);
        rows.Add(new ResourceUsageRow(name, resource, unit, SampleStatistics.Median(values), values.Max(), values.Count, baselineMedian));
    }

    private static string FormatSeconds(double seconds) => DisplayText.Duration(TimeSpan.FromSeconds(seconds));
}
