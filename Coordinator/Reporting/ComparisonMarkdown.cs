using System.Globalization;
using System.Text;
using PerfFleet.Contracts.Comparisons;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Coordinator.Reporting;

/// <summary>Renders a comparison as the PR comment (a Markdown table) and as a commit status description.</summary>
public static class ComparisonMarkdown
{
    private const int StatusDescriptionLimit = 140;
    private const int EndpointsShown = 5;

    /// <summary>The hidden marker that finds PerfFleet's comment for a scenario again on re-runs.</summary>
    public static string Marker(string scenario) => $"<!-- perffleet:{(scenario.Length == 0 ? "default" : scenario)} -->";

    /// <summary>The PR comment; <paramref name="interim"/> when a follow-up run settles this verdict (see <see cref="CommentRun"/>).</summary>
    public static string Comment(string scenario, string commit, string? webUrl, PerfFleet.Contracts.V1.Comparison comparison, bool interim = false)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var text = new StringBuilder();
        text.AppendLine(Marker(scenario));
        text.AppendLine(CommentHistory.Line(new CommentRun(Short(commit), HistoryVerdict(comparison), webUrl, interim)));
        text.Append(CultureInfo.InvariantCulture, $"### PerfFleet `{ScenarioLabel(scenario)}`: {VerdictText.WithEmoji(comparison.Verdict)}\n\n");
        var run = webUrl is null ? $"`{Short(commit)}`" : $"[`{Short(commit)}`]({webUrl})";
        text.Append(comparison.BaselineCommit.Length > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{run} compared with baseline `{Short(comparison.BaselineCommit)}`{Method(comparison)}.\n\n")
            : $"{run}: no baseline run yet for this scenario; the numbers below become comparable once the default branch has one.\n\n");
        AppendConfirmation(text, comparison);
        if (comparison.Noise.Length > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"> \u26A0\uFE0F **Noisy measurement:** {Cell(comparison.Noise)}.\n\n");
        }

        AppendFlagged(text, "Worse", comparison, Verdict.Regression);
        AppendFlagged(text, "Better", comparison, Verdict.Improvement);
        AppendTable(text, comparison.Metrics);
        AppendEndpoints(text, comparison);
        AppendTargets(text, comparison);
        if (comparison.Metrics.Concat(comparison.Endpoints).Any(m => m.Verdict == Verdict.Inconclusive))
        {
            text.AppendLine();
            text.AppendLine("_Inconclusive_: the interval neither lies past the threshold nor inside it; more pairs would decide. It does not fail the check.");
        }

        // Rows without a test value need their reason next to them: errors, no baseline (a new
        // container), and a container that is gone (unchanged, but nothing was measured).
        var notes = comparison.Metrics.Concat(comparison.Endpoints).Where(m => m.Message.Length > 0 && (m.Verdict is Verdict.Error or Verdict.NoBaseline || m.TestSamples == 0)).ToList();
        if (notes.Count > 0)
        {
            text.AppendLine();
            foreach (var note in notes)
            {
                text.Append(CultureInfo.InvariantCulture, $"- `{Cell(note.Label)}`: {Cell(note.Message)}\n");
            }
        }

        return text.ToString();
    }

    /// <summary>The verdict as the comment's list of earlier runs shows it, with the state of a confirmation.</summary>
    private static string HistoryVerdict(PerfFleet.Contracts.V1.Comparison comparison) => comparison.Confirmation switch
    {
        ConfirmationState.Pending => VerdictText.WithEmoji(comparison.Verdict) + ", confirming",
        ConfirmationState.Confirmed => VerdictText.WithEmoji(comparison.Verdict) + ", confirmed",
        ConfirmationState.NotConfirmed => VerdictText.WithEmoji(comparison.Verdict) + " (a regression not confirmed)",
        _ => VerdictText.WithEmoji(comparison.Verdict),
    };

    /// <summary>One line for the commit status, at most 140 characters.</summary>
    public static string StatusDescription(PerfFleet.Contracts.V1.Comparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var total = comparison.Metrics.Count + comparison.Endpoints.Count;
        var flagged = comparison.Metrics.Concat(comparison.Endpoints).Where(m => m.Verdict == comparison.Verdict).ToList();
        var description = comparison.Verdict switch
        {
            Verdict.Regression or Verdict.Improvement => $"{VerdictText.Word(comparison.Verdict)} in {flagged.Count} of {total}: "
                + string.Join(", ", flagged.Select(m => $"{m.Label} {Change(m.ChangePercent)}")),
            Verdict.Error => $"error: " + string.Join(", ", flagged.Select(m => m.Label)),
            Verdict.NoBaseline => $"no baseline yet; {total} metrics measured",
            Verdict.Inconclusive => $"inconclusive in {flagged.Count} of {total}: "
                + string.Join(", ", flagged.Select(m => $"{m.Label} {Change(m.ChangePercent)}")) + PairsSuffix(comparison),
            _ => $"no significant change in {total} metrics" + PairsSuffix(comparison),
        };
        if (comparison.Confirmation == ConfirmationState.Confirmed && comparison.Verdict == Verdict.Regression)
        {
            description = "confirmed " + description;
        }

        return description.Length <= StatusDescriptionLimit ? description : description[..(StatusDescriptionLimit - 3)] + "...";
    }

    /// <summary>
    /// One plain line naming what got worse (or better) before the table, so a reader sees at once
    /// whether latency, throughput, CPU or memory moved without scanning every row.
    /// </summary>
    private static void AppendFlagged(StringBuilder text, string label, PerfFleet.Contracts.V1.Comparison comparison, Verdict verdict)
    {
        var flagged = comparison.Metrics.Concat(comparison.Endpoints).Where(m => m.Verdict == verdict).Select(m => $"`{Cell(m.Label)}` {Change(m.ChangePercent)}").ToList();
        if (flagged.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"**{label}:** {string.Join(", ", flagged)}\n\n");
        }
    }

    private static void AppendTable(StringBuilder text, IEnumerable<MetricComparison> rows)
    {
        text.AppendLine("| metric | baseline | test | change | interval | N | p-value | threshold | verdict |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var metric in rows)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"| {Cell(metric.Label)} | {Number(metric.BaselineMedian)} | {Number(metric.TestMedian)} | {Change(metric.ChangePercent)} | {Interval(metric)} | {Count(metric)} | {PValueText.Of(metric.PValue, missing: "n/a")} | {Threshold(metric)} | {VerdictText.WithEmoji(metric.Verdict)} |\n");
        }
    }

    /// <summary>
    /// The endpoints, worst first as the comparison orders them: those with something to say
    /// (any verdict but unchanged) in the open, at most <see cref="EndpointsShown"/>, the rest folded.
    /// </summary>
    private static void AppendEndpoints(StringBuilder text, PerfFleet.Contracts.V1.Comparison comparison)
    {
        if (comparison.Endpoints.Count == 0)
        {
            if (comparison.EndpointCorrection.Length > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"\n_Endpoints_: {Cell(comparison.EndpointCorrection)}\n");
            }

            return;
        }

        var endpoints = comparison.Endpoints.GroupBy(m => m.Endpoint, StringComparer.Ordinal).ToList();
        var open = endpoints.TakeWhile(e => e.Any(m => m.Verdict != Verdict.Unchanged)).Take(EndpointsShown).ToList();
        var folded = endpoints.Skip(open.Count).ToList();
        text.Append(CultureInfo.InvariantCulture, $"\n#### Endpoints\n\n{Cell(comparison.EndpointCorrection)}\n\n");
        if (open.Count > 0)
        {
            AppendTable(text, open.SelectMany(e => e));
        }

        if (folded.Count > 0)
        {
            var label = open.Count == 0 ? $"All {folded.Count} endpoints unchanged" : $"{folded.Count} more endpoints";
            text.Append(CultureInfo.InvariantCulture, $"\n<details><summary>{label}</summary>\n\n");
            AppendTable(text, folded.SelectMany(e => e));
            text.AppendLine("\n</details>");
        }
    }

    /// <summary>A mirrored run's duet: each target against the reference, with a verdict of its own.</summary>
    private static void AppendTargets(StringBuilder text, PerfFleet.Contracts.V1.Comparison comparison)
    {
        if (comparison.Targets.Count == 0)
        {
            return;
        }

        text.Append(CultureInfo.InvariantCulture, $"\n#### Targets against `{Cell(comparison.TargetReference)}`: {VerdictText.WithEmoji(comparison.TargetVerdict)}\n\n{Cell(comparison.TargetMethod)}\n\n");
        AppendTable(text, comparison.Targets);
    }

    private static string PairsSuffix(PerfFleet.Contracts.V1.Comparison comparison) =>
        comparison.Pairs > 0 ? string.Create(CultureInfo.InvariantCulture, $" ({comparison.Pairs} pairs)") : string.Empty;

    /// <summary>How the run was judged, in the words the comparison gives, and how many metrics share the false-alarm budget.</summary>
    private static string Method(PerfFleet.Contracts.V1.Comparison comparison)
    {
        var parts = new[] { comparison.Method, comparison.Correction }.Where(p => p.Length > 0).Select(Cell).ToList();
        return parts.Count == 0
            ? string.Create(CultureInfo.InvariantCulture, $" (alpha {comparison.Alpha:G3})")
            : " (" + string.Join("; ", parts) + ")";
    }

    private static void AppendConfirmation(StringBuilder text, PerfFleet.Contracts.V1.Comparison comparison)
    {
        var line = comparison.Confirmation switch
        {
            ConfirmationState.Pending => "A regression was found: a fresh run is confirming it before the check fails.",
            ConfirmationState.Confirmed => "The regression was **confirmed** by a fresh, independent run.",
            ConfirmationState.NotConfirmed => "A first run found a regression; a fresh, independent run did **not** confirm it, so the check passes.",
            _ => null,
        };
        if (line is not null)
        {
            text.Append(line).Append("\n\n");
        }
    }

    /// <summary>The confidence interval of the change, e.g. "+8.1% .. +12.0% (99%)"; n/a when the rule had none.</summary>
    private static string Interval(MetricComparison metric)
    {
        if (!metric.HasInterval)
        {
            return "n/a";
        }

        return string.Create(CultureInfo.InvariantCulture, $"{Change(metric.CiLowPercent)} .. {Change(metric.CiHighPercent)} ({metric.Confidence * 100:0.##}%)");
    }

    /// <summary>N behind the estimate: pairs for a paired run, else the samples (with n_eff when autocorrelation was corrected).</summary>
    private static string Count(MetricComparison metric)
    {
        if (metric.Pairs > 0)
        {
            return metric.Pairs.ToString(CultureInfo.InvariantCulture) + " pairs";
        }

        var samples = metric.TestSamples.ToString(CultureInfo.InvariantCulture);
        return double.IsFinite(metric.EffectiveSamples) && metric.EffectiveSamples > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{samples} (n_eff {metric.EffectiveSamples:0.#})")
            : samples;
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
