using PerfFleet.Coordinator.Web.Charts;
using PerfFleet.Coordinator.Web.Html;

namespace PerfFleet.Coordinator.Web.History;

/// <summary>The history page: choices to narrow down, then one chart per query.</summary>
internal static class HistoryPageRenderer
{
    public static string Title(HistoryPageModel model) =>
        model.Repository is null ? "History" : model.Scenario is null ? $"History of {model.Repository}" : $"History of {model.Repository} · {model.Scenario}";

    public static HtmlContent Render(HistoryPageModel model)
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
            : model.Charts.Select(c => Markup.Of($"<section class=\"history-chart\" data-query=\"{c.Title}\"><h2>{c.Title}</h2>{SvgLineChartRenderer.Render(c)}</section>")).ToList();
        return Markup.Of($"""
            <p class="summary">{model.RunCount} completed runs. Line: the baseline's median per commit; dots: test runs; red: a regression. Hover a point for its commit and value.</p>
            <p class="choices">Queries: {choiceLinks}</p>
            {charts}
            """);
    }
}
