using PerfFleet.Comparison.ChangePoints;
using PerfFleet.Coordinator.Storage.Entities;
using PerfFleet.Coordinator.Web.History;

namespace PerfFleet.Coordinator.Tests.Web;

/// <summary>The history page's steps: marked on the chart, listed under it, and the pinned baseline named.</summary>
public sealed class HistoryStepsRenderingTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Build_BaselinesWithAStep_FindsItAtTheFirstBaselineAfterEvenWithRunsNewestFirst()
    {
        var runs = Runs(12, i => i < 6 ? 20 : 25);

        var chart = Assert.Single(HistoryChartBuilder.Build(runs, null, ChangePointRules.Default));

        var step = Assert.Single(chart.Steps);
        var first = runs.Single(r => r.Commit == Commit(6));
        Assert.Equal((first.Id, 25.0, 20.0, 25.0), (step.TestId, step.ChangePercent, step.Before, step.After));
        var marks = Assert.Single(chart.Chart.Series, s => s.Name.StartsWith("step", StringComparison.Ordinal));
        Assert.Contains("step +25.0 %", Assert.Single(marks.Points).Tooltip, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_BaselineMeasuredLateForAnOlderCommit_SitsAtItsCommitNotAtTheEnd()
    {
        var runs = Runs(6, _ => 20).Select((r, i) => r with { CommitSequence = 5 - i }).ToList(); // newest first: sequence 5..0
        var late = new HistoryRun(Guid.NewGuid(), LoadTestKind.Baseline, Commit(1), Start.AddDays(3), new Dictionary<string, double> { ["p99_latency_ms"] = 40 }, new HashSet<string>(), CommitSequence: 1);
        var test = new HistoryRun(Guid.NewGuid(), LoadTestKind.Test, "c0ffee" + new string('a', 34), Start.AddHours(2.5), new Dictionary<string, double> { ["p99_latency_ms"] = 21 }, new HashSet<string>());
        runs.Insert(0, late);
        runs.Add(test);

        var chart = Assert.Single(HistoryChartBuilder.Build(runs, null, ChangePointRules.Default)).Chart;

        var line = Assert.Single(chart.Series, s => s.Name == "baseline median").Points;
        // The re-run of commit 1 finished last but sits third of seven, right after commit 1's first
        // run: x = 2, not 6.
        Assert.Equal([0.0, 1, 2, 3, 4, 5, 6], line.Select(p => p.X).Order());
        Assert.Equal(40, line.Single(p => p.X == 2).Y);
        Assert.Equal(Commit(1)[..7], chart.FormatX(2));
        // The test finished after the baseline of commit 2 (2 h) and before commit 3's (3 h): just after commit 2's point.
        Assert.Equal(3.5, Assert.Single(Assert.Single(chart.Series, s => s.Name == "test runs").Points).X);
    }

    [Fact]
    public void Render_StepAndPin_ListsTheStepUnderTheChartAndNamesThePinnedBaseline()
    {
        var runs = Runs(12, i => i < 6 ? 20 : 25);
        var charts = HistoryChartBuilder.Build(runs, null, ChangePointRules.Default);
        var pinned = runs[^1];
        var model = new HistoryPageModel("acme/shop", "api", [], charts, runs.Count, new HistoryPin(pinned.Id, pinned.Commit, pinned.FinishedAt));

        var html = System.Net.WebUtility.HtmlDecode(HistoryPageRenderer.Render(model).Value);

        Assert.Contains("<table class=\"history-steps\">", html, StringComparison.Ordinal);
        Assert.Contains($"<code>{Commit(6)[..7]}", html, StringComparison.Ordinal);
        Assert.Contains("+25.0 %", html, StringComparison.Ordinal);
        Assert.Contains("Pinned baseline:", html, StringComparison.Ordinal);
        Assert.Contains($"/runs/{pinned.Id}", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_FlatBaselinesWithoutPin_SaysSo()
    {
        var charts = HistoryChartBuilder.Build(Runs(12, _ => 20), null, ChangePointRules.Default);
        var model = new HistoryPageModel("acme/shop", "api", [], charts, 12);

        var html = System.Net.WebUtility.HtmlDecode(HistoryPageRenderer.Render(model).Value);

        Assert.Empty(Assert.Single(charts).Steps);
        Assert.Contains("No step among the baselines.", html, StringComparison.Ordinal);
        Assert.Contains("No pinned baseline", html, StringComparison.Ordinal);
    }

    private static string Commit(int i) => i.ToString("x8", System.Globalization.CultureInfo.InvariantCulture) + new string('b', 32);

    /// <summary>Baselines with one query at a level, newest first as the loader reads them.</summary>
    private static List<HistoryRun> Runs(int count, Func<int, double> level) =>
        [.. Enumerable.Range(0, count).Reverse().Select(i => new HistoryRun(
            Guid.NewGuid(),
            LoadTestKind.Baseline,
            Commit(i),
            Start.AddHours(i),
            new Dictionary<string, double> { ["p99_latency_ms"] = level(i) },
            new HashSet<string>()))];
}
