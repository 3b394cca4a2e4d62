using PerfFleet.Coordinator.Scheduling;
using PerfFleet.Coordinator.Storage.Entities;
using PerfFleet.Coordinator.Web.Html;
using PerfFleet.Coordinator.Web.RunDetails;

namespace PerfFleet.Coordinator.Web.Runs;

/// <summary>The runs list: filter form, table, paging.</summary>
internal static class RunsPageRenderer
{
    public static HtmlContent Render(RunsPageModel model)
    {
        var rows = model.Runs.Count == 0
            ? [Markup.Of($"<tr><td colspan=\"9\" class=\"empty\">No runs match these filters.</td></tr>")]
            : model.Runs.Select(run => Row(model, run)).ToList();
        return Markup.Of($"""
            {FilterForm(model.Filter)}
            <p class="summary">{model.TotalCount} runs · page {model.Filter.Page} of {model.PageCount}</p>
            <table class="runs" data-live="{(model.AnyMoving ? "true" : "false")}">
            <thead><tr><th>Run</th><th>Repository</th><th>Commit</th><th>PR</th><th>Scenario</th><th>Kind</th><th>State</th><th>Verdict</th><th>Duration</th></tr></thead>
            <tbody>{rows}</tbody>
            </table>
            {Paging(model)}
            """);
    }

    private static HtmlContent Row(RunsPageModel model, RunListItem run)
    {
        var phase = run.IsSuperseded
            ? Markup.Of($" <small class=\"superseded\" title=\"{run.StatusReason}\">superseded</small>")
            : run.ProgressPhase is null || TestStateMachine.IsTerminal(run.Status)
                ? HtmlContent.Empty
                : Markup.Of($" <small class=\"phase\">{run.ProgressPhase.Replace('_', ' ')}</small>");
        var pr = GitHubLinks.PullRequest(GitHubLinks.RepositoryUrl(run.CloneUrl), run.PullRequest);
        return Markup.Of($"""
            <tr data-run-id="{run.Id}" data-status="{EnumNames.Of(run.Status)}">
            <td><a href="/runs/{run.Id}">{DisplayText.ShortId(run.Id)}</a><br><small title="{DisplayText.Timestamp(run.CreatedAt)}">{DisplayText.Ago(run.CreatedAt, model.Now)}</small></td>
            <td>{run.Repository ?? "(ad hoc)"}</td>
            <td><code>{DisplayText.ShortSha(run.Commit)}</code></td>
            <td>{pr}</td>
            <td>{run.Scenario ?? "(default)"}</td>
            <td>{EnumNames.Of(run.Kind)}</td>
            <td class="state">{EnumNames.StatusBadge(run.Status)}{phase}</td>
            <td class="verdict">{EnumNames.VerdictBadge(run.Verdict)}</td>
            <td>{DisplayText.Duration(model.DurationOf(run))}</td>
            </tr>
            """);
    }

    private static HtmlContent FilterForm(RunsFilter filter) => Markup.Of($"""
        <form method="get" action="/runs" class="filters">
        <label>Repository <input name="repository" value="{filter.Repository}" placeholder="owner/name" maxlength="200"></label>
        <label>Scenario <input name="scenario" value="{filter.Scenario}" maxlength="100"></label>
        <label>Kind {Select("kind", EnumNames.All<LoadTestKind>(), filter.Kind is null ? null : EnumNames.Of(filter.Kind.Value))}</label>
        <label>Status {Select("status", EnumNames.All<LoadTestStatus>(), filter.Status is null ? null : EnumNames.Of(filter.Status.Value))}</label>
        <label>Commit <input name="commit" value="{filter.Commit}" placeholder="sha prefix" maxlength="40"></label>
        <button type="submit">Filter</button> <a href="/runs">Clear</a>
        </form>
        """);

    private static HtmlContent Select(string name, IReadOnlyList<string> options, string? selected)
    {
        var items = options.Select(o => o == selected
            ? Markup.Of($"<option value=\"{o}\" selected>{o.Replace('_', ' ')}</option>")
            : Markup.Of($"<option value=\"{o}\">{o.Replace('_', ' ')}</option>"));
        return Markup.Of($"<select name=\"{name}\"><option value=\"\">any</option>{items}</select>");
    }

    private static HtmlContent Paging(RunsPageModel model)
    {
        var page = model.Filter.Page;
        var previous = page > 1
            ? Markup.Of($"<a rel=\"prev\" href=\"{model.Filter.UrlForPage(page - 1)}\">← newer</a>")
            : HtmlContent.Empty;
        var next = page < model.PageCount
            ? Markup.Of($"<a rel=\"next\" href=\"{model.Filter.UrlForPage(page + 1)}\">older →</a>")
            : HtmlContent.Empty;
        return Markup.Of($"<nav class=\"paging\">{previous} {next}</nav>");
    }
}
