using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PerfFleet.Comparison;
using PerfFleet.Comparison.ChangePoints;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.LoadTests;
using PerfFleet.Coordinator.Storage;
using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.Comparison.ChangePoints;

/// <summary>
/// The alerts a completed baseline brings: for each metric it measured (its queries and the load
/// engine's metrics), the steps that this baseline makes visible for the first time on its
/// repository and scenario's history (<see cref="NewSteps"/>: each step once, no state stored).
/// </summary>
public sealed class ChangePointAlerts(IOptions<ChangePointOptions> options, IOptions<ComparisonOptions> comparison)
{
    private static readonly string[] EngineMetricNames = [EngineMetrics.P99Ms, EngineMetrics.AchievedRate, EngineMetrics.ErrorRate, EngineMetrics.CapacityRps];

    /// <summary>
    /// Call once the baseline's results are saved (same context or transaction is fine). Answers
    /// nothing for a test that is not a baseline of a registered repository or has no results.
    /// </summary>
    public async Task<IReadOnlyList<ChangePointAlert>> ForNewBaselineAsync(PerfFleetDbContext context, LoadTestEntity baseline, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(baseline);
        if (baseline.Kind != LoadTestKind.Baseline || baseline.Repository is null)
        {
            return [];
        }

        var settings = options.Value;
        var finished = baseline.FinishedAt;
        var others = Baselines.Completed(context, baseline.Repository, baseline.Scenario).Where(t => t.Id != baseline.Id);

        // A baseline of a commit older than the newest baseline's (a bisection fills the history
        // in) alerts nothing: the steps it could settle were alerted by the later baselines, and
        // the history ending at it is one no baseline ever saw as the newest.
        if (baseline.CommitSequence is { } sequence && await others.AnyAsync(t => t.CommitSequence > sequence, ct))
        {
            return [];
        }

        var earlier = await Baselines.NewestFirst(others.Where(t => finished == null || t.FinishedAt <= finished))
            .Take(settings.AlertHistory - 1)
            .ToListAsync(ct);
        earlier.Reverse();
        var runs = earlier.Append(baseline).ToList();
        var ids = runs.Select(r => r.Id).ToList();
        var results = await context.TestResults.AsNoTracking().Where(r => ids.Contains(r.TestId)).ToListAsync(ct);
        var latest = results.GroupBy(r => r.TestId).ToDictionary(g => g.Key, g => g.MaxBy(r => r.Attempt)!);
        if (!latest.TryGetValue(baseline.Id, out var newest))
        {
            return [];
        }

        var alerts = new List<ChangePointAlert>();
        foreach (var metric in MetricsOf(newest))
        {
            // A run that lacks the metric is left out: the history is that of the runs measuring it.
            var measured = runs
                .Select(r => (Run: r, Value: LoadTestHistory.Median(latest.GetValueOrDefault(r.Id), metric)))
                .Where(p => p.Value is { } v && double.IsFinite(v))
                .Select(p => (p.Run, Value: p.Value!.Value))
                .ToList();
            foreach (var step in NewSteps.Find(measured.Select(p => p.Value).ToList(), settings.RulesFor(metric, comparison.Value), settings.AlertSettle, settings.AlertLookBack))
            {
                var first = measured[step.FirstAfterIndex].Run;
                alerts.Add(new ChangePointAlert(baseline.Repository, baseline.Scenario, metric, first.Commit, first.Id, step.ChangePercent, step.MedianBefore, step.MedianAfter));
            }
        }

        return alerts;
    }

    /// <summary>The queries the run answered without error, then the engine metrics it has.</summary>
    private static IEnumerable<string> MetricsOf(TestResultEntity result)
    {
        var queries = ResultPayloads.Unpack(result.QueryResults, QueryResult.Parser)
            .Where(q => q.Error.Length == 0)
            .Select(q => q.Name)
            .Distinct(StringComparer.Ordinal);
        return queries.Concat(EngineMetricNames.Where(m => LoadTestHistory.Median(result, m) is not null));
    }
}
