using System.Globalization;
using System.Text;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Coordinator.Reporting;

/// <summary>Renders a comparison as the PR comment (a Markdown table) and as a commit status description.</summary>
public static class ComparisonMarkdown
{
    private const int StatusDescriptionLimit = 140;

    /// <summary>The hidden marker that finds PerfFleet's comment for a scenario again on re-runs.</summary>
    public static string Marker(string scenario) => $"<!-- perffleet:{(scenario.Length == 0 ? "default" : scenario)} -->";

    public static string Comment(string scenario, string commit, string? webUrl, PerfFleet.Contracts.V1.Comparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var text = new StringBuilder();
        text.AppendLine(Marker(scenario));
        text.Append(CultureInfo.InvariantCulture, $"### PerfFleet `{ScenarioLabel(scenario)}`: {VerdictText.WithEmoji(comparison.Verdict)}\n\n");
        var run = webUrl is null ? $"`{Short(commit)}`" : $"[`{Short(commit)}`]({webUrl})";
        text.Append(comparison.BaselineCommit.Length > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{run} compared with baseline `{Short(comparison.BaselineCommit)}` (Mann-Whitney U, alpha {comparison.Alpha:G3}).\n\n")
            : $"{run}: no baseline run yet for this scenario; the numbers below become comparable once the default branch has one.\n\n");

        AppendFlagged(text, "Worse", comparison, Verdict.Regression);
        AppendFlagged(text, "Better", comparison, Verdict.Improvement);
        text.AppendLine("| metric | baseline median | test median | change | p-value | threshold | verdict |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var metric in comparison.Metrics)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"| {Cell(metric.Metric)} | {Number(metric.BaselineMedian)} | {Number(metric.TestMedian)} | {Change(metric.ChangePercent)} | {PValue(metric.PValue)} | {Threshold(metric)} | {VerdictText.WithEmoji(metric.Verdict)} |\n");
        }

        // Rows without a test value need their reason next to them: errors, no baseline (a new
        // container), and a container that is gone (unchanged, but nothing was measured).
        var notes = comparison.Metrics.Where(m => m.Message.Length > 0 && (m.Verdict is Verdict.Error or Verdict.NoBaseline || m.TestSamples == 0)).ToList();
        if (notes.Count > 0)
        {
            text.AppendLine();
            foreach (var note in notes)
            {
                text.Append(CultureInfo.InvariantCulture, $"- `{Cell(note.Metric)}`: {Cell(note.Message)}\n");
            }
        }

        return text.ToString();
    }

    /// <summary>One line for the commit status, at most 140 characters.</summary>
    public static string StatusDescription(PerfFleet.Contracts.V1.Comparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var total = comparison.Metrics.Count;
        var flagged = comparison.Metrics.Where(m => m.Verdict == comparison.Verdict).ToList();
        var description = comparison.Verdict switch
        {
            Verdict.Regression or Verdict.Improvement => $"{VerdictText.Word(comparison.Verdict)} in {flagged.Count} of {total}: "
                + string.Join(", ", flagged.Select(m => $"{m.Metric} {Change(m.ChangePercent)}")),
            Verdict.Error => $"error: " + string.Join(", ", flagged.Select(m => m.Metric)),
            Verdict.NoBaseline => $"no baseline yet; {total} metrics measured",
            _ => $"no significant change in {total} metrics",
        };
        return description.Length <= StatusDescriptionLimit ? description : description[..(StatusDescriptionLimit - 3)] + "...";
    }

    /// <summary>
    /// One plain line naming what got worse (or better) before the table, so a reader sees at once
    /// whether latency, throughput, CPU or memory moved without scanning every row.
    /// </summary>
    private static void AppendFlagged(StringBuilder text, string label, PerfFleet.Contracts.V1.Comparison comparison, Verdict verdict)
    {
        var flagged = comparison.Metrics.Where(m => m.Verdict == verdict).Select(m => $"`{Cell(m.Metric)}` {Change(m.ChangePercent)}").ToList();
        if (flagged.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"**{label}:** {string.Join(", ", flagged)}\n\n");
        }
    }

    private static string ScenarioLabel(string scenario) => scenario.Length == 0 ? "default" : scenario;

    private static string Short(string commit) => commit.Length > 7 ? commit[..7] : commit;

    private static string Number(double value) =>
        double.IsFinite(value) ? value.ToString("G4", CultureInfo.InvariantCulture) : "n/a";

    private static string Change(double percent) => percent switch
    {
        double.PositiveInfinity => "+\u221E%",
        double.NegativeInfinity => "-\u221E%",
        _ when double.IsNaN(percent) => "n/a",
        _ => percent.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + "%",
    };

    private static string PValue(double p) => double.IsNaN(p) ? "n/a" : p < 0.0001 ? "<0.0001" : p.ToString("0.0000", CultureInfo.InvariantCulture);

    private static string Threshold(MetricComparison metric)
    {
        var direction = metric.Better switch
        {
            Better.Lower => " (lower is better)",
            Better.Higher => " (higher is better)",
            _ => string.Empty,
        };
        return metric.ThresholdPercent.ToString("0.##", CultureInfo.InvariantCulture) + "%" + direction;
    }

    // A pipe would end the cell, a newline the table.
    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
