using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Web.Html;

namespace PerfFleet.Coordinator.Web.RunDetails;

/// <summary>The load engine's summary: rates, counts, why the load ended early, latency percentiles (intended and service time), each stage of a staged load, status codes, errors.</summary>
internal static class LoadSummaryRenderer
{
    public static HtmlContent Render(LoadSummary? summary)
    {
        if (summary?.Total is null)
        {
            return Markup.Of($"<p class=\"no-data\">No load summary: the run has no results yet, or its load came from an external generator.</p>");
        }

        var total = summary.Total;
        var window = summary.WindowStart is null || summary.WindowEnd is null
            ? "—"
            : $"{DisplayText.Timestamp(summary.WindowStart.ToDateTimeOffset())} – {DisplayText.Duration(summary.WindowEnd.ToDateTimeOffset() - summary.WindowStart.ToDateTimeOffset())}";
        return Markup.Of($"""
            <div class="cards load-cards">
            {Card("Requested rate", DisplayText.Number(summary.RequestedRate) + " /s")}
            {Card("Achieved rate", DisplayText.Number(total.AchievedRate) + " /s")}
            {Card("Requests", DisplayText.Number(total.Requests))}
            {Card("Responses", DisplayText.Number(total.Responses))}
            {Card("Errors", DisplayText.Number(total.Errors))}
            {Card("Late", DisplayText.Number(total.Late))}
            {Card("Dropped", DisplayText.Number(total.Dropped))}
            {Card("Generator lateness p99", total.GeneratorLateness?.Percentiles is { } lateness ? DisplayText.Number(lateness.P99Ms) + " ms" : "—")}
            </div>
            {GeneratorBehind(summary)}
            {StoppedEarly(summary)}
            <p><small>Window: {window}</small></p>
            <h3>Latency (ms)</h3>
            {Percentiles(total)}
            {Stages(summary)}
            {Capacity(summary.Capacity)}
            <h3>Status codes</h3>
            {CountTable("Status", total.StatusCodes.OrderBy(p => p.Key).Select(p => (p.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), p.Value)))}
            <h3>Errors</h3>
            {CountTable("Kind", total.ErrorsByKind.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value)))}
            """);
    }

    // The generator's own delay is in every intended-time figure: say so when it passed its limit.
    private static HtmlContent GeneratorBehind(LoadSummary summary) => !summary.GeneratorBehind
        ? HtmlContent.Empty
        : Markup.Of($"<p class=\"warning generator-behind\">The load generator fell behind its schedule: its lateness p99 was {DisplayText.Number(summary.Total.GeneratorLateness?.Percentiles?.P99Ms ?? 0)} ms, over its {DisplayText.Number(summary.GeneratorLatenessLimitMs)} ms limit, so the latencies above include the generator's own delay (a busy machine, or a rate the worker cannot send).</p>");

    // A stop_when rule ended the load: the window is shorter than planned, and the reader must know why.
    private static HtmlContent StoppedEarly(LoadSummary summary) => summary.StopReason.Length == 0
        ? HtmlContent.Empty
        : Markup.Of($"<p class=\"warning stopped-early\">The load ended early: {summary.StopReason}.</p>");

    /// <summary>One row per stage of a staged load (rate steps and ramps): where the system gave way is the point of one.</summary>
    private static HtmlContent Stages(LoadSummary summary)
    {
        if (summary.Stages.Count == 0)
        {
            return HtmlContent.Empty;
        }

        var rows = summary.Stages.Select(s => Markup.Of($"""
            <tr><td>{s.Index + 1}</td><td>{s.Shape}</td><td class="num">{DisplayText.Number(s.Rate)}</td><td class="num">{DisplayText.Number(s.StartSeconds)}</td><td class="num">{DisplayText.Number(s.RanSeconds)}</td><td class="num">{DisplayText.Number(s.RequestedRate)}</td><td class="num">{DisplayText.Number(s.Stats?.AchievedRate ?? 0)}</td><td class="num">{DisplayText.Number(s.Stats?.Requests ?? 0)}</td><td class="num">{DisplayText.Number(s.Stats?.Errors ?? 0)}</td><td class="num">{Value(s.Stats?.LatencyIntended?.Percentiles, p => p.P50Ms)}</td><td class="num">{Value(s.Stats?.LatencyIntended?.Percentiles, p => p.P99Ms)}</td></tr>
            """));
        return Markup.Of($"""
            <h3>Stages</h3>
            <table class="stages">
            <thead><tr><th>Stage</th><th>Shape</th><th class="num">Rate /s</th><th class="num">From s</th><th class="num">Ran s</th><th class="num">Requested /s</th><th class="num">Achieved /s</th><th class="num">Requests</th><th class="num">Errors</th><th class="num">p50 ms</th><th class="num">p99 ms</th></tr></thead>
            <tbody>{rows}</tbody>
            </table>
            """);
    }

    /// <summary>
    /// A capacity search: its knee, what it means, and the latency-vs-rate curve its probes drew
    /// (each probe a dot, passing or not, in the order of rates; the table keeps the order run).
    /// </summary>
    private static HtmlContent Capacity(CapacitySearch? search)
    {
        if (search is null)
        {
            return HtmlContent.Empty;
        }

        var slo = string.Join(" and ", new[]
        {
            search.SloP99Ms > 0 ? $"p99 ≤ {DisplayText.Number(search.SloP99Ms)} ms" : null,
            search.SloErrorRatePercent > 0 ? $"errors ≤ {DisplayText.Number(search.SloErrorRatePercent)} %" : null,
        }.OfType<string>());
        var byRate = search.Probes.OrderBy(p => p.Rate).ToList();
        var chart = byRate.Count == 0 ? HtmlContent.Empty : Charts.SvgLineChartRenderer.Render(new Charts.LineChart(
            "p99 latency against the requested rate",
            [
                new Charts.ChartSeries("p99 ms", [.. byRate.Select(p => new Charts.ChartPoint(p.Rate, p.P99Ms, $"{DisplayText.Number(p.Rate)} /s: p99 {DisplayText.Number(p.P99Ms)} ms, errors {DisplayText.Number(p.ErrorRatePercent)} % — {p.Reason}", Highlighted: !p.Passed))], DrawPoints: true),
            ],
            x => DisplayText.Number(x) + " /s",
            "p99 ms"));
        var rows = search.Probes.Select((p, i) => Markup.Of($"""
            <tr class="{(p.Passed ? "probe-passed" : "probe-failed")}"><td>{i + 1}</td><td class="num">{DisplayText.Number(p.Rate)}</td><td class="num">{DisplayText.Number(p.AchievedRate)}</td><td class="num">{DisplayText.Number(p.P99Ms)}</td><td class="num">{DisplayText.Number(p.ErrorRatePercent)}</td><td>{(p.Passed ? "meets the SLO" : p.Reason)}</td></tr>
            """));
        var knee = search.KneeRps > 0 ? DisplayText.Number(search.KneeRps) + " requests/s" : "none in the range";
        return Markup.Of($"""
            <h3 id="capacity">Capacity</h3>
            <p class="capacity-knee">Highest rate that met the SLO ({slo}): <strong>{knee}</strong>. {search.Reason}</p>
            {chart}
            <table class="capacity-probes">
            <thead><tr><th>Probe</th><th class="num">Rate /s</th><th class="num">Achieved /s</th><th class="num">p99 ms</th><th class="num">Errors %</th><th>Verdict</th></tr></thead>
            <tbody>{rows}</tbody>
            </table>
            """);
    }

    private static HtmlContent Card(string label, string value) =>
        Markup.Of($"<div class=\"card\"><div class=\"label\">{label}</div><div class=\"value\">{value}</div></div>");

    private static HtmlContent Percentiles(LoadStats total)
    {
        var intended = total.LatencyIntended?.Percentiles;
        var service = total.LatencyService?.Percentiles;
        (string Name, Func<LatencyPercentiles, double> Value)[] rows =
        [
            ("p50", p => p.P50Ms), ("p90", p => p.P90Ms), ("p99", p => p.P99Ms),
            ("p99.9", p => p.P999Ms), ("max", p => p.MaxMs), ("mean", p => p.MeanMs),
        ];
        var body = rows.Select(r => Markup.Of(
            $"<tr><th>{r.Name}</th><td class=\"num\">{Value(intended, r.Value)}</td><td class=\"num\">{Value(service, r.Value)}</td></tr>"));
        return Markup.Of($"""
            <table class="percentiles">
            <thead><tr><th>Percentile</th><th class="num" title="from the intended send time: includes queueing (coordinated-omission-correct)">Intended</th><th class="num" title="from the actual send time">Service time</th></tr></thead>
            <tbody>{body}</tbody>
            </table>
            """);
    }

    private static string Value(LatencyPercentiles? percentiles, Func<LatencyPercentiles, double> pick) =>
        percentiles is null ? "—" : DisplayText.Number(pick(percentiles));

    private static HtmlContent CountTable(string keyName, IEnumerable<(string Key, long Count)> counts)
    {
        var rows = counts.Select(c => Markup.Of($"<tr><td>{c.Key}</td><td class=\"num\">{DisplayText.Number(c.Count)}</td></tr>")).ToList();
        return rows.Count == 0
            ? Markup.Of($"<p class=\"no-data\">None.</p>")
            : Markup.Of($"<table class=\"counts\"><thead><tr><th>{keyName}</th><th class=\"num\">Count</th></tr></thead><tbody>{rows}</tbody></table>");
    }
}
