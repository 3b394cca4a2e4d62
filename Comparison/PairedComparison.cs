using System.Globalization;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Comparison;

/// <summary>
/// A paired run: interleaved repetitions of the baseline and the test commit on one worker,
/// matched by pair. Each repetition's metric is one value (<see cref="MetricSamples.Summary"/>),
/// and each pair contributes one log ratio, so the machine's drift between pairs cancels.
/// </summary>
internal static class PairedComparison
{
    public static IReadOnlyList<PendingMetric> Compare(IReadOnlyList<Repetition> repetitions, ComparisonOptions options, PerfFleet.Contracts.V1.Comparison comparison)
    {
        var byPair = repetitions.GroupBy(r => r.Pair).OrderBy(g => g.Key).ToList();
        var complete = new List<(int Pair, Repetition Baseline, Repetition Test)>();
        var incomplete = new List<int>();
        foreach (var pair in byPair)
        {
            var baseline = pair.FirstOrDefault(r => r.Role == RepetitionRole.Baseline);
            var test = pair.FirstOrDefault(r => r.Role == RepetitionRole.Test);
            if (baseline is null || test is null)
            {
                incomplete.Add(pair.Key);
            }
            else
            {
                complete.Add((pair.Key, baseline, test));
            }
        }

        comparison.Pairs = complete.Count;
        var leftOut = incomplete.Count == 0 ? string.Empty : "; left out pairs without both a baseline and a test repetition: " + string.Join(", ", incomplete);
        if (complete.Count == 0)
        {
            comparison.Method = string.Create(CultureInfo.InvariantCulture, $"paired, but none of the {repetitions.Count} repetitions has a partner of the other role: nothing to compare{leftOut}");
            return [];
        }

        comparison.BaselineCommit = complete[0].Baseline.Commit;
        comparison.Method = string.Create(CultureInfo.InvariantCulture, $"{complete.Count} interleaved pairs of the baseline and the test commit, per-pair ratios of each repetition's median{leftOut}");
        var measured = complete.Select(p => (
            p.Pair,
            Baseline: ByName(RunMetrics.Of(p.Baseline.Queries, p.Baseline.Summary, null, p.Baseline.Resources, options, $"baseline repetition of pair {p.Pair}")),
            Test: ByName(RunMetrics.Of(p.Test.Queries, p.Test.Summary, null, p.Test.Resources, options, $"test repetition of pair {p.Pair}"))))
            .ToList();
        var names = measured.SelectMany(m => m.Test.Keys).Distinct().ToList(); // first appearance: queries, engine, resources
        var tailHint = TailHint(complete.SelectMany(p => new[] { p.Baseline.Summary, p.Test.Summary }));
        return [.. names.Select(name => Judge(name, measured, options.PairedInterval) with { InconclusiveHint = name == EngineMetrics.P99Ms ? tailHint : string.Empty })];
    }

    /// <summary>
    /// Below this many requests a repetition, its p99 rests on fewer than 100 requests past it,
    /// and one slow moment moves it by more than a few-percent threshold (a 5 s window at 200/s
    /// has 1,000 requests: its p99 differed by 12-30 % between repetitions of one build).
    /// </summary>
    internal const long TailRequests = 10_000;

    // Why an engine p99 stays inconclusive when the repetitions are short, and what settles it.
    private static string TailHint(IEnumerable<LoadSummary?> summaries)
    {
        var requests = summaries.Where(s => s?.Total is { Requests: > 0 }).Select(s => (double)s!.Total.Requests).ToArray();
        if (requests.Length == 0)
        {
            return string.Empty;
        }

        var typical = SampleStatistics.Median(requests);
        return typical >= TailRequests ? string.Empty : string.Create(CultureInfo.InvariantCulture,
            $"; each repetition's p99 rests on about {typical:0} requests ({Math.Floor(typical / 100):0} past it), too few for a threshold of a few percent: a longer repeat.duration or a higher rate settles it, or a wider Comparison:EngineP99ThresholdPercent");
    }

    private static PendingMetric Judge(string name, List<(int Pair, Dictionary<string, MetricSamples> Baseline, Dictionary<string, MetricSamples> Test)> measured, PairedIntervalMethod method)
    {
        var spec = measured.Select(m => m.Test.GetValueOrDefault(name)).First(s => s is not null)!.Spec;
        var pairs = new List<(double Baseline, double Test)>();
        var skipped = new List<string>();
        foreach (var (pair, baseline, test) in measured)
        {
            var testValue = test.GetValueOrDefault(name);
            var baselineValue = baseline.GetValueOrDefault(name);
            if (testValue is null || testValue.Problem is not null)
            {
                skipped.Add(testValue?.Reason ?? $"the test repetition of pair {pair} has no such metric");
            }
            else if (baselineValue is null || baselineValue.Problem is not null)
            {
                skipped.Add(baselineValue?.Reason ?? $"the baseline repetition of pair {pair} has no such metric");
            }
            else
            {
                pairs.Add((baselineValue.Summary, testValue.Summary));
            }
        }

        var row = MetricComparer.Describe(spec);
        row.Pairs = pairs.Count;
        row.BaselineSamples = pairs.Count;
        row.TestSamples = pairs.Count;
        var note = skipped.Count == 0 ? string.Empty : $"; {skipped.Count} pairs left out ({skipped[0]}{(skipped.Count > 1 ? ", ..." : string.Empty)})";
        if (pairs.Count == 0)
        {
            row.Method = "paired";
            row.Verdict = measured.Any(m => m.Test.GetValueOrDefault(name) is { Problem: null }) ? Verdict.NoBaseline : Verdict.Error;
            row.Message = "no pair has this metric on both sides: " + skipped[0];
            return PendingMetric.Final(row, spec);
        }

        row.BaselineMedian = SampleStatistics.Median([.. pairs.Select(p => p.Baseline)]);
        row.TestMedian = SampleStatistics.Median([.. pairs.Select(p => p.Test)]);
        if (pairs.Count == 1)
        {
            return new PendingMetric(row, spec, new ThresholdEvidence(pairs[0].Baseline, pairs[0].Test), "; only one complete pair" + note);
        }

        return new PendingMetric(row, spec, new PairedEvidence(pairs, method), note);
    }

    // The first of a name wins: a repetition reports each query once, a duplicate is a worker's bug.
    private static Dictionary<string, MetricSamples> ByName(IReadOnlyList<MetricSamples> metrics)
    {
        var byName = new Dictionary<string, MetricSamples>(StringComparer.Ordinal);
        foreach (var metric in metrics)
        {
            byName.TryAdd(metric.Spec.Name, metric);
        }

        return byName;
    }
}
