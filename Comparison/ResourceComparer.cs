using PerfFleet.Contracts.V1;

namespace PerfFleet.Comparison;

/// <summary>
/// Judges the CPU and memory of each container of the test run against the same-named container
/// of the baseline, like a query (DESIGN.md "Comparing a run with the baseline"). A
/// container only in the test run is <c>no baseline</c> ("new container"); one only in the
/// baseline is listed as gone with verdict <c>unchanged</c> and its baseline numbers (it uses
/// nothing any more, which is not a regression, but a reader should see it vanished). A container
/// its scenario lists under <c>resources.ignore</c> (<see cref="ResourceSeries.NotJudged"/>) gets
/// no row: it is charted on the run page and nothing more. Each row is judged by the threshold and
/// floor the test run's scenario set, else by the configured <see cref="ResourceComparisonOptions"/>
/// (a gone container's row, never judged, shows the baseline's).
/// </summary>
internal static class ResourceComparer
{
    internal static IReadOnlyList<PendingMetric> Compare(RunMeasurements test, RunMeasurements? baseline, ResourceComparisonOptions options, double runSpreadPercent)
    {
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(options);
        // A run without any series had no probe (or the caller has none to give): calling every
        // baseline container gone would be wrong, so there is nothing to say.
        if (!options.Enabled || test.Resources is not { Count: > 0 })
        {
            return [];
        }

        var testWindow = MeasuredWindow.Of(test.Summary);
        var baselineWindow = MeasuredWindow.Of(baseline?.Summary);
        var testContainers = ResourceMetrics.ByContainer(test.Resources);
        var baselineContainers = ResourceMetrics.ByContainer(baseline?.Resources ?? []);
        var rows = new List<PendingMetric>();
        foreach (var (name, series) in testContainers.Where(c => !c.Value.NotJudged))
        {
            baselineContainers.TryGetValue(name, out var before);
            foreach (var kind in ResourceMetrics.Kinds)
            {
                var samples = kind.Samples(series);
                if (samples.Count == 0)
                {
                    continue; // nothing measured (a CPU rate needs two readings): no row, as for an engine without summary
                }

                var spec = ResourceMetrics.Spec(series, kind, options);
                var testSamples = ResourceSampleFilter.Clean(samples, kind, testWindow);
                var baselineSamples = before is null ? null : ResourceSampleFilter.Clean(kind.Samples(before), kind, baselineWindow);
                rows.Add(CompareOne(spec, kind, testSamples, baselineSamples, BaselineMissing(baseline, name), runSpreadPercent));
            }
        }

        if (baseline is not null)
        {
            foreach (var (name, series) in baselineContainers.Where(c => !testContainers.ContainsKey(c.Key) && !c.Value.NotJudged))
            {
                rows.AddRange(Gone(name, series, baselineWindow, options));
            }
        }

        return rows;
    }

    private static PendingMetric CompareOne(MetricSpec spec, ResourceKind kind, ResourceSamples test, ResourceSamples? baseline, string baselineMissing, double runSpreadPercent)
    {
        if (test.Values.Count == 0)
        {
            return PendingMetric.Final(Counted(MetricComparer.NotCompared(spec, Verdict.Error, test.NothingUsableReason("test", kind.Label)), baseline, test), spec);
        }

        if (baseline is null)
        {
            return PendingMetric.Final(Counted(MetricComparer.NotCompared(spec, Verdict.NoBaseline, baselineMissing), baseline, test), spec);
        }

        if (baseline.Values.Count == 0)
        {
            var why = baseline.Reported == 0 ? $"the baseline run has no {kind.Label} samples for this container" : baseline.NothingUsableReason("baseline", kind.Label);
            return PendingMetric.Final(Counted(MetricComparer.NotCompared(spec, Verdict.NoBaseline, why), baseline, test), spec);
        }

        // A container's samples are one series in time order (its probe's readings, pooled by name).
        return WindowComparison.Judge(spec, [baseline.Values], [test.Values], runSpreadPercent, test.SkippedNote("test") + baseline.SkippedNote("baseline"));
    }

    private static string BaselineMissing(RunMeasurements? baseline, string container) => baseline switch
    {
        null => "no baseline run",
        { Resources: null or { Count: 0 } } => "the baseline run reported no CPU or memory",
        _ => $"new container: the baseline run has no container named '{container}'",
    };

    private static IEnumerable<PendingMetric> Gone(string name, ResourceSeries series, MeasuredWindow? window, ResourceComparisonOptions options)
    {
        foreach (var kind in ResourceMetrics.Kinds)
        {
            var samples = ResourceSampleFilter.Clean(kind.Samples(series), kind, window);
            if (samples.Reported == 0)
            {
                continue;
            }

            var row = MetricComparer.NotCompared(ResourceMetrics.Spec(series, kind, options), Verdict.Unchanged, $"gone: this run has no container named '{name}'; not judged");
            row.BaselineSamples = samples.Values.Count;
            row.BaselineMedian = SampleStatistics.Median(samples.Values);
            yield return PendingMetric.Final(row, ResourceMetrics.Spec(series, kind, options));
        }
    }

    // The counts show how much each side had, even when nothing could be compared.
    private static MetricComparison Counted(MetricComparison row, ResourceSamples? baseline, ResourceSamples test)
    {
        row.TestSamples = test.Values.Count;
        row.BaselineSamples = baseline?.Values.Count ?? 0;
        return row;
    }
}
