using PerfFleet.Comparison;
using PerfFleet.Coordinator.Web.Charts;
using PerfFleet.Coordinator.Web.Html;

namespace PerfFleet.Coordinator.Web.RunDetails;

/// <summary>The run page's "Resources" section: CPU and memory charts, then the numbers per container.</summary>
internal static class ResourceUsageRenderer
{
    /// <param name="usage">The run's resource use; empty when the worker reported none.</param>
    /// <param name="finished">The run ended: no samples will come any more.</param>
    /// <param name="judgedInComparison">The comparison has resource metrics with verdicts, so the note that resources are for reading only would be wrong.</param>
    public static HtmlContent Render(ResourceUsage usage, bool finished, bool judgedInComparison)
    {
        if (!usage.HasSamples)
        {
            var why = finished
                ? "No CPU or memory samples were recorded for this run: the worker reported none (its stack driver could not read them, or the run ended before the measured window)."
                : "No CPU or memory samples yet: the worker sends them with the results when the run ends.";
            return Markup.Of($"<p class=\"no-data resources-none\">{why}</p>");
        }

        var hidden = usage.HiddenContainers == 0
            ? HtmlContent.Empty
            : Markup.Of($"<p><small>The charts show the {ResourceUsageBuilder.MaxChartedContainers} busiest containers; {usage.HiddenContainers} more are in the table only.</small></p>");
        var rows = usage.Rows.Select(Row);
        var note = judgedInComparison
            ? Markup.Of($"<p><small>The comparison above judges resource use too; its rows have the source 'resource'.</small></p>")
            : Markup.Of($"<p><small>Resource use is shown for reading; the verdict comes from the queries and the load engine's metrics in the comparison above.</small></p>");
        return Markup.Of($"""
            <section class="resource" data-resource="{ResourceUsageBuilder.CpuResource}">
            <h3>CPU</h3>
            {SvgLineChartRenderer.Render(usage.Cpu)}
            </section>
            <section class="resource" data-resource="{ResourceUsageBuilder.MemoryResource}">
            <h3>Memory</h3>
            {SvgLineChartRenderer.Render(usage.Memory)}
            </section>
            {hidden}
            <table class="resources">
            <thead><tr><th>Container</th><th>Resource</th><th class="num">Median</th><th class="num">Peak</th><th class="num">Samples</th><th class="num">Baseline median</th><th class="num">Change</th></tr></thead>
            <tbody>{rows}</tbody>
            </table>
            {note}
            """);
    }

    private static HtmlContent Row(ResourceUsageRow row)
    {
        var baseline = row.BaselineMedian is { } b ? $"{DisplayText.Number(b)} {row.Unit}" : "—";
        var change = row.ChangePercent is { } percent ? DisplayText.Percent(percent) : "—";
        // Listed in the scenario's resources.ignore: the comparison has no row for it, say why here.
        var notJudged = row.NotJudged ? Markup.Of($" <small class=\"not-judged\">not judged (resources.ignore)</small>") : HtmlContent.Empty;
        return Markup.Of($"""
            <tr data-container="{row.Container}" data-resource="{row.Resource}" data-judged="{(row.NotJudged ? "false" : "true")}">
            <td>{row.Container}{notJudged}</td>
            <td>{row.Resource}</td>
            <td class="num">{DisplayText.Number(row.Median)} {row.Unit}</td>
            <td class="num">{DisplayText.Number(row.Peak)} {row.Unit}</td>
            <td class="num">{row.Samples}</td>
            <td class="num">{baseline}</td>
            <td class="num">{change}</td>
            </tr>
            """);
    }
}
