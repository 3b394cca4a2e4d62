using PerfFleet.Comparison;
using PerfFleet.Contracts.Comparisons;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Storage.Entities;
using PerfFleet.Coordinator.Web.Html;

namespace PerfFleet.Coordinator.Web.RunDetails;

/// <summary>
/// A comparison: one row per metric with the numbers behind its verdict. Against the baseline on
/// the run page, against any chosen run on the comparison page (<c>againstBaseline: false</c>).
/// </summary>
internal static class ComparisonTableRenderer
{
    /// <param name="comparison">The comparison, or null before there is one.</param>
    /// <param name="baseline">What the run was compared with.</param>
    /// <param name="againstBaseline">Against the run's baseline (the run page), else against a chosen run.</param>
    /// <param name="linkCharts">Link each metric to its chart on the same page (<see cref="ChartAnchors"/>).</param>
    public static HtmlContent Render(Contracts.V1.Comparison? comparison, LoadTestEntity? baseline, bool againstBaseline = true, bool linkCharts = false)
    {
        if (comparison is null)
        {
            return Markup.Of($"<p class=\"no-data\">Not compared yet.</p>");
        }

        var what = againstBaseline ? "baseline" : "run";
        var against = (baseline, comparison.BaselineCommit) switch
        {
            ({ } run, _) => Markup.Of($"<p>Compared with {what} <a href=\"/runs/{run.Id}\">{DisplayText.ShortId(run.Id)}</a> at commit <code>{DisplayText.ShortSha(run.Commit)}</code> (α = {comparison.Alpha}).{HowJudged(comparison)}</p>"),
            // A paired run measured its baseline commit itself, in the same run: there is no other run to link.
            (null, { Length: > 0 } commit) => Markup.Of($"<p>Compared with baseline commit <code>{DisplayText.ShortSha(commit)}</code>, measured in this run (α = {comparison.Alpha}).{HowJudged(comparison)}</p>"),
            _ => Markup.Of($"<p>No baseline to compare with.</p>"),
        };
        var againstMedian = againstBaseline ? "Baseline median" : "Other run median";
        var judgedMedian = againstBaseline ? "Test median" : "This run median";
        // Queries first, then the load engine's metrics, then resource use: the order of the run page.
        var rows = comparison.Metrics.OrderBy(m => SourceOrder(m.Source)).Select(m => Row(m, linkCharts)).ToList();
        // With or without a baseline: a busy machine makes this run's own numbers suspect too.
        var noise = comparison.Noise.Length == 0 ? HtmlContent.Empty : Markup.Of($"<p><strong class=\"noise\">Warning: {comparison.Noise}.</strong></p>");
        var head = Markup.Of($"""<thead><tr><th>Metric</th><th class="num">{againstMedian}</th><th class="num">{judgedMedian}</th><th class="num">Change</th><th class="num">Interval</th><th class="num">N</th><th class="num">p-value</th><th class="num">Threshold</th><th>Better</th><th>Verdict</th></tr></thead>""");
        return Markup.Of($"""
            {against}
            {noise}
            <table class="comparison">
            {head}
            <tbody>{rows}</tbody>
            </table>
            {Endpoints(comparison, head)}
            {Targets(comparison, head)}
            """);
    }

    /// <summary>A mirrored run's duet: each target against the reference, with a verdict of its own.</summary>
    private static HtmlContent Targets(Contracts.V1.Comparison comparison, HtmlContent head)
    {
        if (comparison.Targets.Count == 0)
        {
            return HtmlContent.Empty;
        }

        var verdict = EnumNames.OfProto(comparison.TargetVerdict);
        var rows = comparison.Targets.Select(m => Row(m, linkCharts: false)).ToList();
        return Markup.Of($"""
            <h3 class="targets">Targets against <code>{comparison.TargetReference}</code>: {EnumNames.Badge("verdict", verdict)}</h3>
            <p class="target-method">{comparison.TargetMethod}</p>
            <table class="comparison targets">
            {head}
            <tbody>{rows}</tbody>
            </table>
            """);
    }

    /// <summary>
    /// The endpoints' rows, worst first as the comparison orders them; open when one of them has
    /// something to say (any verdict but unchanged), folded otherwise.
    /// </summary>
    private static HtmlContent Endpoints(Contracts.V1.Comparison comparison, HtmlContent head)
    {
        if (comparison.Endpoints.Count == 0)
        {
            return comparison.EndpointCorrection.Length == 0
                ? HtmlContent.Empty
                : Markup.Of($"<p class=\"endpoint-correction\">Endpoints: {comparison.EndpointCorrection}</p>");
        }

        var endpoints = comparison.Endpoints.Select(m => m.Endpoint).Distinct(StringComparer.Ordinal).Count();
        var flagged = comparison.Endpoints.Where(m => m.Verdict != Verdict.Unchanged).Select(m => m.Endpoint).Distinct(StringComparer.Ordinal).Count();
        var open = Markup.Trusted(flagged > 0 ? " open" : string.Empty);
        var rows = comparison.Endpoints.Select(m => Row(m, linkCharts: false)).ToList();
        return Markup.Of($"""
            <details class="endpoints"{open}>
            <summary>Endpoints: {endpoints} judged, {flagged} with something other than unchanged</summary>
            <p class="endpoint-correction">{comparison.EndpointCorrection}</p>
            <table class="comparison endpoints">
            {head}
            <tbody>{rows}</tbody>
            </table>
            </details>
            """);
    }

    /// <summary>What the run was judged against and how, and the state of a regression's confirmation.</summary>
    private static HtmlContent HowJudged(Contracts.V1.Comparison comparison)
    {
        var parts = new[] { comparison.Method, comparison.Correction }.Where(p => p.Length > 0).ToList();
        var confirmation = ConfirmationText.Of(comparison.Confirmation);
        var method = parts.Count == 0 ? string.Empty : " " + string.Join("; ", parts) + ".";
        return Markup.Of($"<span class=\"method\">{method}</span> <strong class=\"confirmation\">{confirmation}</strong>");
    }

    private static string Interval(MetricComparison metric) =>
        metric.HasInterval
            ? $"{DisplayText.Percent(metric.CiLowPercent)} .. {DisplayText.Percent(metric.CiHighPercent)} ({(metric.Confidence * 100).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)} %)"
            : "—";

    private static string Count(MetricComparison metric) => metric.Pairs > 0
        ? metric.Pairs.ToString(System.Globalization.CultureInfo.InvariantCulture) + " pairs"
        : double.IsFinite(metric.EffectiveSamples) && metric.EffectiveSamples > 0
            ? $"{metric.TestSamples} (n_eff {metric.EffectiveSamples.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)})"
            : metric.TestSamples.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static int SourceOrder(string source) => source switch
    {
        MetricSpec.QuerySource => 0,
        MetricSpec.EngineSource => 1,
        MetricSpec.ResourceSource => 2,
        _ => 3,
    };

    private static HtmlContent Row(MetricComparison metric, bool linkCharts)
    {
        var verdict = EnumNames.OfProto(metric.Verdict);
        var better = metric.Better switch
        {
            Better.Lower => "lower",
            Better.Higher => "higher",
            _ => "—",
        };
        var message = string.IsNullOrEmpty(metric.Message) ? HtmlContent.Empty : Markup.Of($"<br><small>{metric.Message}</small>");
        var endpoint = metric.Endpoint.Length > 0 ? Markup.Of($" data-endpoint=\"{metric.Endpoint}\"")
            : metric.Target.Length > 0 ? Markup.Of($" data-target=\"{metric.Target}\"")
            : HtmlContent.Empty;
        var name = linkCharts ? Markup.Of($"<a class=\"chart-link\" href=\"#{ChartAnchors.For(metric)}\">{metric.Metric}</a>") : Markup.Text(metric.Label);
        return Markup.Of($"""
            <tr class="verdict-row-{verdict}" data-metric="{metric.Metric}" data-source="{metric.Source}"{endpoint}>
            <td>{name} <small>({metric.Source})</small>{message}</td>
            <td class="num">{DisplayText.Number(metric.BaselineMedian)}</td>
            <td class="num">{DisplayText.Number(metric.TestMedian)}</td>
            <td class="num">{DisplayText.Percent(metric.ChangePercent)}</td>
            <td class="num">{Interval(metric)}</td>
            <td class="num">{Count(metric)}</td>
            <td class="num">{PValueText.Of(metric.PValue, missing: "—", below: "< 0.0001")}</td>
            <td class="num">{DisplayText.Number(metric.ThresholdPercent)} %</td>
            <td>{better}</td>
            <td>{EnumNames.Badge("verdict", verdict)}</td>
            </tr>
            """);
    }
}
