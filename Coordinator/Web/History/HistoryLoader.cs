using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PerfFleet.Comparison.ChangePoints;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.LoadTests;
using PerfFleet.Coordinator.Storage;
using PerfFleet.Coordinator.Storage.Entities;
using PerfFleet.Coordinator.Web.RunDetails;

namespace PerfFleet.Coordinator.Web.History;

/// <summary>Reads what the history page needs, narrowing from repositories to scenarios to charts.</summary>
internal sealed class HistoryLoader(IDbContextFactory<PerfFleetDbContext> contexts, StoredResultDecoder decoder, IOptions<WebUiOptions> options, IOptions<ChangePointOptions> changePoints)
{
    /// <summary>The newest baselines listed with their pin buttons: enough to pin a recent one.</summary>
    public const int BaselineRows = 10;

    /// <returns>The model, or a not-found message naming what does not exist.</returns>
    public async Task<(HistoryPageModel? Model, string? NotFound)> LoadAsync(HistoryRequest request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (request.Repository is null)
        {
            var repositories = await db.LoadTests.AsNoTracking().Where(t => t.Repository != null)
                .Select(t => t.Repository!).Distinct().OrderBy(r => r).Take(500).ToListAsync(cancellationToken);
            var choices = repositories.Select(r => new HistoryChoice(r, "/history?repo=" + Uri.EscapeDataString(r))).ToList();
            return (new HistoryPageModel(null, null, choices, [], 0), null);
        }

        var scenarios = await db.LoadTests.AsNoTracking().Where(t => t.Repository == request.Repository)
            .Select(t => t.Scenario).Distinct().Take(500).ToListAsync(cancellationToken);
        if (scenarios.Count == 0)
        {
            return (null, $"There are no runs of repository '{request.Repository}'.");
        }

        if (!request.ScenarioGiven && scenarios.Count > 1)
        {
            var choices = scenarios.Order(StringComparer.Ordinal)
                .Select(s => new HistoryChoice(s ?? HistoryRequest.DefaultScenarioToken, HistoryRequest.Url(request.Repository, s))).ToList();
            return (new HistoryPageModel(request.Repository, null, choices, [], 0), null);
        }

        var scenario = request.ScenarioGiven ? request.Scenario : scenarios[0];
        if (request.ScenarioGiven && !scenarios.Contains(scenario))
        {
            return (null, $"Repository '{request.Repository}' has no runs of scenario '{scenario ?? HistoryRequest.DefaultScenarioToken}'.");
        }

        var runs = await LoadRunsAsync(db, request.Repository, scenario, cancellationToken);
        var charts = HistoryChartBuilder.Build(runs, request.Query, changePoints.Value.Rules);
        if (request.Query is not null && charts.Count == 0)
        {
            return (null, $"No completed run of '{request.Repository}' scenario '{scenario ?? HistoryRequest.DefaultScenarioToken}' has a query named '{request.Query}'.");
        }

        var queryChoices = runs.SelectMany(r => r.Queries.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(q => new HistoryChoice(q, HistoryRequest.Url(request.Repository, scenario, q))).ToList();
        // The pinned baseline may be older than the runs on the charts, so it is asked for on its own.
        var pinned = await Baselines.Pinned(Baselines.Completed(db, request.Repository, scenario))
            .Select(t => new HistoryPin(t.Id, t.Commit, t.FinishedAt))
            .FirstOrDefaultAsync(cancellationToken);
        var baselines = await Baselines.NewestFirst(Baselines.Completed(db, request.Repository, scenario))
            .Take(BaselineRows)
            .Select(t => new HistoryBaseline(t.Id, t.Commit, t.FinishedAt, t.PinnedBaseline))
            .ToListAsync(cancellationToken);
        return (new HistoryPageModel(request.Repository, scenario ?? HistoryRequest.DefaultScenarioToken, queryChoices, charts, runs.Count, pinned, baselines), null);
    }

    private async Task<IReadOnlyList<HistoryRun>> LoadRunsAsync(PerfFleetDbContext db, string repository, string? scenario, CancellationToken cancellationToken)
    {
        var rows = await (
            from t in db.LoadTests.AsNoTracking()
            join r in db.TestResults.AsNoTracking() on t.Id equals r.TestId
            where t.Repository == repository && t.Scenario == scenario && t.Status == LoadTestStatus.Completed
                && t.Kind != LoadTestKind.Adhoc && t.FinishedAt != null
            orderby t.FinishedAt descending
            select new { Test = t, Result = r })
            .Take(options.Value.HistoryRuns)
            .ToListAsync(cancellationToken);

        var ids = rows.Select(r => r.Test.Id).ToList();
        var comparisons = await db.Comparisons.AsNoTracking().Where(c => ids.Contains(c.TestId)).ToDictionaryAsync(c => c.TestId, cancellationToken);

        var problems = new List<string>();
        return [.. rows.Select(row =>
        {
            var medians = decoder.Queries(row.Result, problems)
                .GroupBy(q => q.Name, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => HistoryChartBuilder.Median(g.First()), StringComparer.Ordinal);
            var regressed = decoder.Comparison(comparisons.GetValueOrDefault(row.Test.Id), problems)?.Metrics
                .Where(m => m.Verdict == Verdict.Regression).Select(m => m.Metric).ToHashSet(StringComparer.Ordinal) ?? [];
            return new HistoryRun(row.Test.Id, row.Test.Kind, row.Test.Commit, row.Test.FinishedAt!.Value, medians, regressed, row.Test.Kind == LoadTestKind.Baseline && row.Test.PinnedBaseline, row.Test.CommitSequence);
        })];
    }
}
