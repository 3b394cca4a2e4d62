using System.Globalization;
using PerfFleet.Contracts.V1;
using Spectre.Console;

namespace PerfFleet.Cli.Demo;

/// <summary>The comparison table of a run, as the demo prints it.</summary>
public static class DemoReport
{
    public static void Write(IAnsiConsole console, TestDetails details)
    {
        if (details.Comparison is not { } comparison)
        {
            console.MarkupLine("[yellow]The run has no comparison.[/]");
            return;
        }

        var table = new Table().AddColumns("metric", "baseline median", "test median", "change", "p-value", "threshold", "verdict");
        foreach (var metric in comparison.Metrics)
        {
            table.AddRow(
                Markup.Escape(metric.Metric),
                Number(metric.BaselineMedian),
                Number(metric.TestMedian),
                double.IsFinite(metric.ChangePercent) ? metric.ChangePercent.ToString("+0.0;-0.0", CultureInfo.InvariantCulture) + "%" : "n/a",
                double.IsFinite(metric.PValue) ? metric.PValue.ToString("G3", CultureInfo.InvariantCulture) : "n/a",
                metric.ThresholdPercent.ToString("0.#", CultureInfo.InvariantCulture) + "%",
                Verdict(metric.Verdict));
        }

        console.Write(table);
        console.MarkupLine($"Overall: {Verdict(comparison.Verdict)} (alpha {comparison.Alpha.ToString(CultureInfo.InvariantCulture)}, baseline {Markup.Escape(Short(comparison.BaselineCommit))})");
    }

    private static string Number(double value) => double.IsFinite(value) ? value.ToString("0.###", CultureInfo.InvariantCulture) : "n/a";

    private static string Short(string commit) => commit.Length > 7 ? commit[..7] : commit;

    private static string Verdict(Verdict verdict) => verdict switch
    {
        Contracts.V1.Verdict.Regression => "[bold red]regression[/]",
        Contracts.V1.Verdict.Improvement => "[bold green]improvement[/]",
        Contracts.V1.Verdict.Unchanged => "unchanged",
        Contracts.V1.Verdict.NoBaseline => "no baseline",
        Contracts.V1.Verdict.Error => "[yellow]error[/]",
        _ => "-",
    };
}
