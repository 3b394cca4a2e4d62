using System.Globalization;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Comparison;

/// <summary>
/// A mirrored run's duet (<c>compare_targets</c>): every request went to each target at the same
/// moment, so the machine's state is the same for both sides and each later target's engine
/// metrics are judged against the first's (the reference) with the rules of a baseline
/// comparison. A paired run's test repetitions are the pairs (reference, target): the paired
/// rule. A run measured once has one value a side: the window rule, with its assumed spread.
/// The rows are corrected as a family of their own and decide <c>target_verdict</c>, apart from
/// the verdict against the baseline.
/// </summary>
internal static class TargetComparison
{
    public static void Add(PerfFleet.Contracts.V1.Comparison comparison, RunMeasurements test, ComparisonOptions options)
    {
        var summaries = test.Repetitions is { Count: > 0 } repetitions
            ? repetitions.Where(r => r.Role == RepetitionRole.Test && r.Summary is not null).Select(r => r.Summary!).ToList()
            : test.Summary is null ? [] : [test.Summary];
        if (summaries.Count == 0 || !summaries.All(s => s.CompareTargets && s.ByTarget.Count >= 2 && s.ByTarget.ContainsKey(s.ReferenceTarget)))
        {
            return;
        }

        var reference = summaries[0].ReferenceTarget;
        var pending = new List<PendingMetric>();
        foreach (var target in summaries[0].ByTarget.Keys.Where(t => t != reference).Order(StringComparer.Ordinal))
        {
            foreach (var row in Judge(summaries, reference, target, test.TestId, options))
            {
                row.Row.Target = target;
                pending.Add(row);
            }
        }

        var family = new PerfFleet.Contracts.V1.Comparison();
        RunJudgement.Decide(family, pending, options);
        comparison.Targets.AddRange(family.Metrics);
        comparison.TargetReference = reference;
        comparison.TargetVerdict = family.Verdict;
        comparison.TargetMethod = (summaries.Count > 1
            ? string.Create(CultureInfo.InvariantCulture, $"{summaries.Count} repetitions of the test commit, each target against {reference} in the same repetition")
            : $"one run: each target's single values against {reference}'s, with the window rule's assumed spread") + "; " + family.Correction;
    }

    private static IReadOnlyList<PendingMetric> Judge(List<LoadSummary> summaries, string reference, string target, string testId, ComparisonOptions options)
    {
        if (summaries.Count == 1)
        {
            return WindowComparison.Compare(Through(testId, summaries[0], target), Through(testId, summaries[0], reference), options);
        }

        var pairs = summaries.SelectMany((s, i) => new[]
        {
            new Repetition { Pair = i + 1, Role = RepetitionRole.Baseline, Commit = reference, Summary = Only(s, reference) },
            new Repetition { Pair = i + 1, Role = RepetitionRole.Test, Commit = target, Summary = Only(s, target) },
        }).ToList();
        return PairedComparison.Compare(pairs, options, new PerfFleet.Contracts.V1.Comparison());
    }

    private static RunMeasurements Through(string testId, LoadSummary summary, string target) => new(testId, target, [], Only(summary, target));

    private static LoadSummary? Only(LoadSummary summary, string target) =>
        summary.ByTarget.TryGetValue(target, out var stats) ? new LoadSummary { Total = stats } : null;
}
