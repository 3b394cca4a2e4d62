using System.Globalization;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Comparison;

/// <summary>
/// An unpaired run against the last K baselines (newest first): each run summarised to one value
/// per metric (its window's median, or the median of its test repetitions' values when it was a
/// paired run), judged by <see cref="HistoryEvidence"/>.
/// </summary>
internal static class HistoryComparison
{
    public static IReadOnlyList<PendingMetric> Compare(RunMeasurements test, IReadOnlyList<RunMeasurements> baselines, ComparisonOptions options)
    {
        var testValues = Values(test, options, "test run");
        var history = baselines.Select(b => Values(b, options, "baseline run " + b.TestId)).ToList();
        var rows = new List<PendingMetric>();
        foreach (var (name, (spec, value, problem)) in testValues)
        {
            if (problem is not null)
            {
                rows.Add(PendingMetric.Final(spec, Verdict.Error, problem));
                continue;
            }

            var before = history.Select(h => h.GetValueOrDefault(name)).Where(v => v.Problem is null && v.Spec is not null && double.IsFinite(v.Value)).Select(v => v.Value).ToList();
            var row = MetricComparer.Describe(spec);
            row.TestMedian = value;
            row.TestSamples = 1;
            row.BaselineSamples = before.Count;
            row.Method = "history";
            if (before.Count < options.MinHistoryBaselines)
            {
                row.Verdict = Verdict.NoBaseline;
                row.Message = string.Create(CultureInfo.InvariantCulture, $"only {before.Count} of the last {baselines.Count} baselines have this metric; the history rule needs {options.MinHistoryBaselines}");
                rows.Add(PendingMetric.Final(row, spec));
                continue;
            }

            row.BaselineMedian = SampleStatistics.Median(before);
            rows.Add(new PendingMetric(row, spec, new HistoryEvidence(before, value)));
        }

        return rows;
    }

    private static Dictionary<string, (MetricSpec Spec, double Value, string? Problem)> Values(RunMeasurements run, ComparisonOptions options, string side)
    {
        var result = new Dictionary<string, (MetricSpec, double, string?)>(StringComparer.Ordinal);
        var repetitions = run.Repetitions?.Where(r => r.Role == RepetitionRole.Test).ToList() ?? [];
        if (repetitions.Count == 0)
        {
            foreach (var metric in RunMetrics.Of(run.Queries, run.Summary, run.EngineSamples, run.Resources, options, side))
            {
                result.TryAdd(metric.Spec.Name, (metric.Spec, metric.Problem is null ? metric.Summary : double.NaN, metric.Problem is null ? null : metric.Reason));
            }

            return result;
        }

        // A paired run in a history: its test commit's repetitions, the median of their values.
        var perRepetition = repetitions.Select(r => RunMetrics.Of(r.Queries, r.Summary, null, r.Resources, options, side)).ToList();
        foreach (var metric in perRepetition.SelectMany(m => m))
        {
            if (result.ContainsKey(metric.Spec.Name))
            {
                continue;
            }

            var values = perRepetition.SelectMany(m => m).Where(m => m.Spec.Name == metric.Spec.Name && m.Problem is null).Select(m => m.Summary).ToList();
            result[metric.Spec.Name] = values.Count == 0 ? (metric.Spec, double.NaN, metric.Reason) : (metric.Spec, SampleStatistics.Median(values), null);
        }

        return result;
    }
}
