using PerfFleet.Coordinator.Web.Actions;
using PerfFleet.Coordinator.Web.Charts;
using PerfFleet.Coordinator.Web.Html;

namespace PerfFleet.Coordinator.Web.History;

/// <summary>The history page: choices to narrow down, then one chart per query.</summary>
internal static class HistoryPageRenderer
{
    public static string Title(HistoryPageModel model) =>
        model.Repository is null ? "History" : model.Scenario is null ? $"History of {model.Repository}" : $"History of {model.Repository} · {model.Scenario}";

    public static HtmlContent Render(HistoryPageModel model, RunActionsView? actions = null)
    {
        var choiceLinks = model.Choices.Select(c => Markup.Of($"<a href=\"{c.Url}\">{c.Label}</a>")).ToList();
        if (model.Scenario is null)
        {
            var what = model.Repository is null ? "a repository" : "a scenario";
            return choiceLinks.Count == 0
                ? Markup.Of($"<p class=\"no-data\">No runs yet.</p>")
                : Markup.Of($"<p>Choose {what}:</p><p class=\"choices\">{choiceLinks}</p>");
        }

        var charts = model.Charts.Count == 0
            ? [Markup.Of($"<p class=\"no-data\">No completed runs with query results yet.</p>")]
            : model.Charts.Select(c => Markup.Of($"<section class=\"history-chart\" data-query=\"{c.Chart.Title}\"><h2>{c.Chart.Title}</h2>{SvgLineChartRenderer.Render(c.Chart)}{StepsTable(c.Steps)}</section>")).ToList();
        var pinned = model.Pinned is { } pin
            ? Markup.Of($"<p class=\"pinned-baseline\">Pinned baseline: <a href=\"/runs/{pin.TestId}\">{DisplayText.ShortId(pin.TestId)}</a> at <code>{DisplayText.ShortSha(pin.Commit)}</code>: runs are compared with it, whatever is newer.</p>")
            : Markup.Of($"<p class=\"pinned-baseline\">No pinned baseline: runs are compared with the newest completed one.</p>");
        return Markup.Of($"""
            <p class="summary">{model.RunCount} completed runs. Line: the baseline's median per commit; dots: test runs; red: a regression; steps: the first baseline after a step in the baselines. Hover a point for its commit and value.</p>
            {pinned}
            <p class="choices">Queries: {choiceLinks}</p>
            {charts}
            {HistoryPinRenderer.Render(model.Baselines ?? [], actions)}
            """);
    }

    /// <summary>One row per step, under its chart: the commit a person looks at first.</summary>
    private static HtmlContent StepsTable(IReadOnlyList<HistoryStep> steps)
    {
        if (steps.Count == 0)
        {
            return Markup.Of($"<p class=\"no-steps\">No step among the baselines.</p>");
        }

        var rows = steps.Select(s => Markup.Of($"""
            <tr class="step"><td><a href="/runs/{s.TestId}">{DisplayText.ShortId(s.TestId)}</a></td><td><code>{DisplayText.ShortSha(s.Commit)}</code></td><td>{DisplayText.Timestamp(s.FinishedAt)}</td><td>{DisplayText.Number(s.Before)}</td><td>{DisplayText.Number(s.After)}</td><td>{StepText.Change(s.ChangePercent)}</td></tr>
            """)).ToList();
        return Markup.Of($"""
            <table class="history-steps">
            <caption>Steps among the baselines</caption>
            <thead><tr><th>First baseline after</th><th>Commit</th><th>Finished</th><th>Before</th><th>After</th><th>Change</th></tr></thead>
            <tbody>{rows}</tbody>
            </table>
            """);
    }
}
