using PerfFleet.Coordinator.LoadTests;
using PerfFleet.Coordinator.Storage.Entities;
using PerfFleet.Coordinator.Web.Html;
using PerfFleet.Coordinator.Web.RunDetails;

namespace PerfFleet.Coordinator.Web.Compare;

/// <summary>The comparison page: the two runs side by side, the overall verdict, the metric table.</summary>
internal static class ComparePageRenderer
{
    public static string Title(ComparedRuns model) =>
        $"Run {DisplayText.ShortId(model.Test.Id)} against {DisplayText.ShortId(model.Against.Id)}";

    public static HtmlContent Render(ComparedRuns model)
    {
        var verdict = EnumNames.OfProto(model.Comparison.Verdict);
        var swapped = CompareEndpoints.Url(model.Against.Id, model.Test.Id);
        return Markup.Of($"""
            <p class="headline" data-verdict="{verdict}">{EnumNames.Badge("verdict", verdict)} <small>the first run judged as if the second were its baseline; computed now, not stored</small></p>
            <table class="compared-runs">
            <thead><tr><th></th><th>Run</th><th>Repository</th><th>Commit</th><th>Scenario</th><th>Kind</th><th>State</th><th>Finished</th></tr></thead>
            <tbody>
            {Row("judged", model.Test)}
            {Row("against", model.Against)}
            </tbody>
            </table>
            <p><a class="swap" href="{swapped}">Swap the two runs</a></p>
            <h2>Comparison</h2>
            {ComparisonTableRenderer.Render(model.Comparison, model.Against, againstBaseline: false)}
            """);
    }

    private static HtmlContent Row(string role, LoadTestEntity test) => Markup.Of($"""
        <tr data-role="{role}" data-run-id="{test.Id}">
        <th>{role}</th>
        <td><a href="/runs/{test.Id}">{DisplayText.ShortId(test.Id)}</a></td>
        <td>{test.Repository ?? "—"}</td>
        <td><code>{DisplayText.ShortSha(test.Commit)}</code></td>
        <td>{test.Scenario ?? "—"}</td>
        <td>{EnumNames.Of(test.Kind)}</td>
        <td>{EnumNames.StatusBadge(test.Status)}</td>
        <td>{DisplayText.Timestamp(test.FinishedAt)}</td>
        </tr>
        """);
}
