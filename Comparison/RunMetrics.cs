using PerfFleet.Contracts.V1;

namespace PerfFleet.Comparison;

/// <summary>
/// Every metric one measured window has, in the order rows are shown: the queries, the load
/// engine's metrics, then each container's CPU and memory (filtered like
/// <see cref="ResourceComparer"/>: inside the window, believable values only). Used for a paired
/// run's repetitions and for the runs of a history, where each window becomes one value.
/// </summary>
internal static class RunMetrics
{
    public static IReadOnlyList<MetricSamples> Of(
        IReadOnlyList<QueryResult> queries,
        LoadSummary? summary,
        IReadOnlyDictionary<string, IReadOnlyList<double>>? engineSamples,
        IReadOnlyList<ResourceSeries>? resources,
        ComparisonOptions options,
        string side)
    {
        var metrics = new List<MetricSamples>();
        foreach (var query in queries)
        {
            metrics.Add(Query(query, side));
        }

        foreach (var spec in EngineMetrics.Specs(options))
        {
            if (engineSamples is not null && engineSamples.TryGetValue(spec.Name, out var perInterval) && MetricComparer.Finite(perInterval) is { Count: > 0 } finite)
            {
                metrics.Add(new MetricSamples(spec, [finite]));
            }
            else if (summary is not null && EngineMetrics.SingleValue(summary, spec.Name) is { } single)
            {
                metrics.Add(double.IsFinite(single) ? new MetricSamples(spec, [[single]]) : MetricSamples.Failed(spec, $"the {side} has no finite value for this metric"));
            }
        }

        if (options.Resources.Enabled && resources is { Count: > 0 })
        {
            var window = MeasuredWindow.Of(summary);
            foreach (var (_, series) in ResourceMetrics.ByContainer(resources).Where(c => !c.Value.NotJudged))
            {
                foreach (var kind in ResourceMetrics.Kinds)
                {
                    var samples = kind.Samples(series);
                    if (samples.Count == 0)
                    {
                        continue;
                    }

                    var spec = ResourceMetrics.Spec(series, kind, options.Resources);
                    var clean = ResourceSampleFilter.Clean(samples, kind, window);
                    metrics.Add(clean.Values.Count == 0
                        ? MetricSamples.Failed(spec, clean.NothingUsableReason(side, kind.Label).Replace("the " + side + " run", "the " + side, StringComparison.Ordinal))
                        : new MetricSamples(spec, [clean.Values], Note: clean.SkippedNote(side)));
                }
            }
        }

        return metrics;
    }

    private static MetricSamples Query(QueryResult query, string side)
    {
        var spec = MetricSpec.ForQuery(query);
        if (!string.IsNullOrEmpty(query.Error))
        {
            return MetricSamples.Failed(spec, $"the query failed in the {side}: {query.Error}");
        }

        var series = query.Series.Select(s => (IReadOnlyList<double>)MetricComparer.Finite(s.Samples.Select(sample => sample.Value))).Where(s => s.Count > 0).ToList();
        return series.Count == 0 ? MetricSamples.Failed(spec, $"the {side} has no finite samples for this query") : new MetricSamples(spec, series);
    }
}
