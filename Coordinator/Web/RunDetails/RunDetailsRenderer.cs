using PerfFleet.Coordinator.Storage.Entities;
using PerfFleet.Coordinator.Web.Actions;
using PerfFleet.Coordinator.Web.Charts;
using PerfFleet.Coordinator.Web.Compare;
using PerfFleet.Coordinator.Web.History;
using PerfFleet.Coordinator.Web.Html;

namespace PerfFleet.Coordinator.Web.RunDetails;

/// <summary>The run page: admin buttons, the verdict and comparison, then load summary, query charts, resource use, inputs and timeline.</summary>
internal static class RunDetailsRenderer
{
    public static string Title(RunDetailsModel model) => $"Run {DisplayText.ShortId(model.Test.Id)}";

    public static HtmlContent Render(RunDetailsModel model, RunActionsView actions)
    {
        var test = model.Test;
        var problems = model.Problems.Select(p => Markup.Of($"<p class=\"form-error\">{p}</p>"));
        var queries = model.Queries.Count == 0
            ? [Markup.Of($"<p class=\"no-data\">No query results.</p>")]
            : model.Queries.Select(QueryPanelMarkup).ToList();
        // The verdict and the comparison first: they are what a reader came for; the charts
        // below are the evidence, one link away.
        return Markup.Of($"""
            <p class="headline" data-run-id="{test.Id}" data-status="{EnumNames.Of(test.Status)}">{EnumNames.StatusBadge(test.Status)} {EnumNames.VerdictBadge(test.Verdict)} <small>{test.StatusReason}</small></p>
            {RunActionsRenderer.Render(test, actions)}
            {problems}
            {VerdictSummary(model.Comparison)}
            {FollowUpChain(model)}
            <nav class="run-contents">On this page: <a href="#{ChartAnchors.Comparison}">comparison</a> · <a href="#{ChartAnchors.Load}">load</a> · <a href="#{ChartAnchors.Queries}">query charts</a> · <a href="#{ChartAnchors.Resources}">resources</a> · <a href="#{ChartAnchors.Inputs}">inputs</a> · <a href="#{ChartAnchors.Timeline}">timeline</a></nav>
            <h2 id="{ChartAnchors.Comparison}">Comparison with the baseline</h2>
            {ComparisonTableRenderer.Render(model.Comparison, model.Baseline, linkCharts: true)}
            <h2 id="{ChartAnchors.Load}">Load</h2>
            {LoadSummaryRenderer.Render(model.Summary)}
            <h2 id="{ChartAnchors.Queries}">Queries</h2>
            {queries}
            <h2 id="{ChartAnchors.Resources}">Resources</h2>
            {ResourceUsageRenderer.Render(model.Resources, finished: !model.IsMoving, judgedInComparison: model.ResourcesJudged)}
            <h2 id="{ChartAnchors.Inputs}">Inputs</h2>
            {Inputs(model)}
            <h2 id="{ChartAnchors.Timeline}">Timeline</h2>
            {Timeline(model)}
            {CompareWith(model)}
            """);
    }

    /// <summary>
    /// Where this run sits in a verdict's chain: an inconclusive run gets more pairs, a regression a
    /// confirmation, each a run of its own. A reader who followed a status link to an early run
    /// must find the run that settled it, and one on a follow-up the evidence it pooled.
    /// </summary>
    private static HtmlContent FollowUpChain(RunDetailsModel model)
    {
        var test = model.Test;
        var of = test.FollowUpOf is { } parent
            ? Markup.Of($"<p class=\"follow-up-of\">{FollowUpText(test.FollowUp)} of run <a href=\"/runs/{parent}\">{DisplayText.ShortId(parent)}</a>.</p>")
            : HtmlContent.Empty;
        var by = model.FollowUps is [_, ..] followUps
            ? Markup.Of($"<p class=\"followed-by\">This verdict is settled by a follow-up run: {followUps.Select(r => Markup.Of($"<a href=\"/runs/{r.Id}\">{DisplayText.ShortId(r.Id)}</a> {EnumNames.StatusBadge(r.Status)} "))}</p>")
            : HtmlContent.Empty;
        return Markup.Of($"{of}{by}");
    }

    private static string FollowUpText(TestFollowUp? kind) => kind switch
    {
        TestFollowUp.MorePairs => "More pairs (pooled with the earlier ones)",
        TestFollowUp.Confirmation => "Confirmation (a fresh, independent run)",
        _ => "Follow-up",
    };

    /// <summary>"Regression: p99_latency_ms (+34.7 %)" per verdict that is news, each metric linked to its chart.</summary>
    private static HtmlContent VerdictSummary(Contracts.V1.Comparison? comparison)
    {
        var news = comparison?.Metrics
            .Where(m => m.Verdict is Contracts.V1.Verdict.Regression or Contracts.V1.Verdict.Improvement or Contracts.V1.Verdict.Inconclusive or Contracts.V1.Verdict.Error)
            .GroupBy(m => m.Verdict)
            .OrderBy(g => g.Key == Contracts.V1.Verdict.Regression ? 0 : 1)
            .ToList();
        if (news is null || news.Count == 0)
        {
            return HtmlContent.Empty;
        }

        var groups = news.Select(g => Markup.Of(
            $"<li><strong>{EnumNames.OfProto(g.Key)}</strong>: {Markup.Join(g.Select((m, i) => Markup.Of($"{(i == 0 ? "" : ", ")}<a href=\"#{ChartAnchors.For(m)}\">{m.Metric}</a> ({DisplayText.Percent(m.ChangePercent)})")))}</li>"));
        return Markup.Of($"<ul class=\"verdict-summary\">{groups}</ul>");
    }

    /// <summary>
    /// Once the run has results: a form that opens the comparison with any other run (prefilled
    /// with its baseline), and for a re-run a link to the comparison with the run it repeated —
    /// how far apart two runs of the same inputs are is the noise a verdict must beat.
    /// </summary>
    private static HtmlContent CompareWith(RunDetailsModel model)
    {
        if (model.Summary is null && model.Queries.Count == 0)
        {
            return HtmlContent.Empty;
        }

        var test = model.Test;
        var original = test.RerunOf is { } rerunOf
            ? Markup.Of($"<p><a class=\"compare-original\" href=\"{CompareEndpoints.Url(test.Id, rerunOf)}\">Compare with the run this one re-ran</a></p>")
            : HtmlContent.Empty;
        return Markup.Of($"""
            <h2>Compare with another run</h2>
            {original}
            <form method="get" action="{CompareEndpoints.Path}" class="compare-with">
            <input type="hidden" name="run" value="{test.Id}">
            <label for="against">Run id</label>
            <input id="against" name="against" required maxlength="64" placeholder="3f2504e0-4f89-11d3-9a0c-0305e82c3301" value="{model.Baseline?.Id.ToString() ?? ""}">
            <button type="submit">Compare</button>
            </form>
            """);
    }

    private static HtmlContent Inputs(RunDetailsModel model)
    {
        var test = model.Test;
        var spec = test.InlineSpec is null
            ? Markup.Of($"<dd>.perffleet.yml at the commit</dd>")
            : Markup.Of($"<dd><pre class=\"spec\">{test.InlineSpec}</pre></dd>");
        var rerunOf = test.RerunOf is null ? HtmlContent.Empty : Markup.Of($"<dt>Re-run of</dt><dd><a class=\"rerun-of\" href=\"/runs/{test.RerunOf}\">{DisplayText.ShortId(test.RerunOf.Value)}</a></dd>");
        var reruns = model.Reruns.Count == 0
            ? HtmlContent.Empty
            : Markup.Of($"<dt>Re-runs</dt><dd class=\"reruns\">{model.Reruns.Select(r => Markup.Of($"<a href=\"/runs/{r.Id}\">{DisplayText.ShortId(r.Id)}</a> {EnumNames.StatusBadge(r.Status)} "))}</dd>");
        var worker = test.AssignedWorker is null
            ? Markup.Text("—")
            : Markup.Of($"<a class=\"worker-link\" href=\"/workers#worker-{Uri.EscapeDataString(test.AssignedWorker)}\">{test.AssignedWorker}</a>");
        var search = test.Search is null ? HtmlContent.Empty : Markup.Of($"<dt>Search</dt><dd><code class=\"spec-search\">{test.Search}</code> <small>given with the test, run instead of the scenario's load</small></dd>");
        var history = test.Repository is null
            ? HtmlContent.Empty
            : Markup.Of($" <small><a class=\"history-link\" href=\"{HistoryRequest.Url(test.Repository, test.Scenario)}\">history</a></small>");
        return Markup.Of($"""
            <dl class="inputs">
            <dt>Id</dt><dd><code>{test.Id}</code></dd>
            <dt>Repository</dt><dd>{GitHubLinks.Repository(model.RepositoryUrl, test.Repository)}</dd>
            <dt>Commit</dt><dd>{GitHubLinks.Commit(model.RepositoryUrl, test.Commit)}</dd>
            <dt>Branch</dt><dd>{test.Branch ?? "—"}</dd>
            <dt>Pull request</dt><dd>{GitHubLinks.PullRequest(model.RepositoryUrl, test.PullRequest)}</dd>
            <dt>Scenario</dt><dd>{test.Scenario ?? "(default)"}{history}</dd>
            <dt>Kind</dt><dd>{EnumNames.Of(test.Kind)}</dd>
            <dt>Rate</dt><dd>{(test.Rate is null ? "as in the scenario" : DisplayText.Number(test.Rate.Value) + " /s")}</dd>
            <dt>Duration</dt><dd>{(test.Duration is null ? "as in the scenario" : DisplayText.Duration(test.Duration))}</dd>
            <dt>Spec</dt>{spec}
            {search}
            <dt>Tag</dt><dd>{test.Tag ?? "—"}</dd>
            <dt>Worker</dt><dd>{worker} <small>attempt {test.Attempts} of {test.MaxAttempts}</small></dd>
            <dt>Created</dt><dd>{DisplayText.Timestamp(test.CreatedAt)} <small>{DisplayText.Ago(test.CreatedAt, model.Now)}</small></dd>
            <dt>Finished</dt><dd>{DisplayText.Timestamp(test.FinishedAt)} <small>{DisplayText.Ago(test.FinishedAt, model.Now)}</small></dd>
            {rerunOf}
            {reruns}
            </dl>
            """);
    }

    private static HtmlContent Timeline(RunDetailsModel model)
    {
        if (model.Timeline.Count == 0)
        {
            return Markup.Of($"<p class=\"no-data\">No state changes recorded.</p>");
        }

        var start = model.Timeline[0].At;
        var rows = model.Timeline.Select(e => Markup.Of(
            $"<tr><td>{DisplayText.Timestamp(e.At)}</td><td class=\"num\">+{DisplayText.Duration(e.At - start)}</td><td>{EnumNames.StatusBadge(e.Status)}</td><td>{e.Reason ?? ""}</td></tr>"));
        return Markup.Of($"<table class=\"timeline\"><thead><tr><th>At</th><th class=\"num\">Since start</th><th>State</th><th>Reason</th></tr></thead><tbody>{rows}</tbody></table>");
    }

    internal static HtmlContent QueryPanelMarkup(QueryPanel panel)
    {
        var error = panel.Error is null ? HtmlContent.Empty : Markup.Of($"<p class=\"form-error\">Prometheus: {panel.Error}</p>");
        var buckets = panel.BucketWarning is null ? HtmlContent.Empty : Markup.Of($"<p class=\"bucket-warning\">Coarse buckets: {panel.BucketWarning}</p>");
        return Markup.Of($"""
            <section class="query" id="{ChartAnchors.Query(panel.Name)}" data-query="{panel.Name}">
            <h3>{panel.Name}</h3>
            <p><code>{panel.PromQl}</code></p>
            {error}
            {buckets}
            {SvgLineChartRenderer.Render(panel.Chart)}
            </section>
            """);
    }
}
