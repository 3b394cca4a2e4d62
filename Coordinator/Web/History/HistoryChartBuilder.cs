using PerfFleet.Comparison.ChangePoints;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.LoadTests;
using PerfFleet.Coordinator.Storage.Entities;
using PerfFleet.Coordinator.Web.Charts;
using PerfFleet.Coordinator.Web.Html;

namespace PerfFleet.Coordinator.Web.History;

/// <summary>
/// One chart per query over commits: the baselines' medians as a line (the master set moving
/// over time), test runs as dots, and test runs whose comparison called that query a regression
/// as red markers, and the steps among the baselines (<see cref="ChangePointDetector"/>) as a
/// series of their own on the first baseline after each. Hovering a point names the commit and the value.
/// The x axis is the baselines' ancestry order (<see cref="Baselines"/>), the order the steps are
/// found in, not the clock: a baseline measured late for an older commit (a bisection's, a re-run)
/// sits at its commit, and a step marker sits on the line where the detector put it. A test run
/// sits just after the baseline that was newest when it finished.
/// </summary>
internal static class HistoryChartBuilder
{
    public static IReadOnlyList<HistoryChart> Build(IReadOnlyList<HistoryRun> runs, string? onlyQuery, ChangePointRules rules)
    {
        var names = runs.SelectMany(r => r.Queries.Keys).Distinct(StringComparer.Ordinal)
            .Where(n => onlyQuery is null || n == onlyQuery)
            .Order(StringComparer.Ordinal)
            .ToList();
        var axis = CommitAxis.Of(runs);
        return [.. names.Select(name => Chart(name, runs, rules, axis))];
    }

    private static HistoryChart Chart(string query, IReadOnlyList<HistoryRun> runs, ChangePointRules rules, CommitAxis axis)
    {
        var baselines = Points(query, runs.Where(r => r.Kind == LoadTestKind.Baseline), "baseline", axis);
        var tests = Points(query, runs.Where(r => r.Kind != LoadTestKind.Baseline), "test", axis);
        var steps = Steps(query, runs, rules);
        var series = new List<ChartSeries> { new("baseline median", baselines, DrawLine: true, DrawPoints: true) };
        if (tests.Count > 0)
        {
            series.Add(new ChartSeries("test runs", tests, DrawLine: false, DrawPoints: true));
        }

        if (steps.Count > 0)
        {
            var marks = steps.Select(s => new ChartPoint(
                axis.X(s.TestId),
                s.After,
                $"step {StepText.Change(s.ChangePercent)} at {DisplayText.ShortSha(s.Commit)}: {DisplayText.Number(s.Before)} → {DisplayText.Number(s.After)}")).ToList();
            series.Add(new ChartSeries("step (first baseline after)", marks, DrawLine: false, DrawPoints: true));
        }

        return new HistoryChart(new LineChart(query, series, axis.Label, query + " (median of the run)"), steps);
    }

    /// <summary>The steps among the baselines' medians in ancestry order, oldest first; the runs come newest first.</summary>
    private static List<HistoryStep> Steps(string query, IReadOnlyList<HistoryRun> runs, ChangePointRules rules)
    {
        var baselines = Baselines.OldestFirst(
                runs.Where(r => r.Kind == LoadTestKind.Baseline && r.Queries.TryGetValue(query, out var v) && double.IsFinite(v)),
                r => r.CommitSequence,
                r => r.FinishedAt)
            .ToList();
        return [.. ChangePointDetector.Find(baselines.Select(b => b.Queries[query]).ToList(), rules).Select(s =>
        {
            var first = baselines[s.FirstAfterIndex];
            return new HistoryStep(first.Id, first.Commit, first.FinishedAt, s.ChangePercent, s.MedianBefore, s.MedianAfter);
        })];
    }

    private static List<ChartPoint> Points(string query, IEnumerable<HistoryRun> runs, string kind, CommitAxis axis) =>
        [.. runs
            .Where(r => r.Queries.ContainsKey(query) && double.IsFinite(r.Queries[query]))
            .Select(r =>
            {
                var regressed = r.RegressedQueries.Contains(query);
                var value = r.Queries[query];
                var tooltip = $"{kind}{(r.Pinned ? " (pinned)" : "")} {DisplayText.ShortSha(r.Commit)}: {DisplayText.Number(value)} ({DisplayText.Timestamp(r.FinishedAt)}){(regressed ? " — regression" : "")}";
                return new ChartPoint(axis.X(r), value, tooltip, regressed);
            })];

    /// <summary>The median of all samples of a query result (every series): one number per run.</summary>
    public static double Median(QueryResult result)
    {
        var values = result.Series.SelectMany(s => s.Samples).Select(s => s.Value).Where(double.IsFinite).Order().ToList();
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
