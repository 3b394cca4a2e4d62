using System.Globalization;
using PerfFleet.Contracts.Comparisons;
using PerfFleet.Contracts.V1;
using Spectre.Console;

namespace PerfFleet.Cli.Output;

/// <summary>`get`: the test, its load summary, query results and the comparison with verdicts.</summary>
public static class TestDetailsRenderer
{
    public static void Write(IAnsiConsole console, TestDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        LoadTestRenderer.WriteOne(console, details.Test ?? new LoadTest());
        if (details.Summary?.Total is { } total)
        {
            console.WriteTitle("Load");
            WriteLoad(console, details.Summary, total);
        }

        if (details.Queries.Count > 0)
        {
            console.WriteTitle("Queries");
            WriteQueries(console, details.Queries);
        }

        WriteComparison(console, "Comparison with the baseline", details.Comparison);
        WriteComparison(console, "Comparison with the previous baseline", details.PreviousBaseline);
    }

    private static void WriteLoad(IAnsiConsole console, LoadSummary summary, LoadStats total)
    {
        var latency = total.LatencyIntended?.Percentiles;
        var table = Tables.Create("requested rps", "achieved rps", "requests", "errors", "late", "dropped", "p50 ms", "p90 ms", "p99 ms", "max ms", "generator p99 ms");
        table.AddTextRow(
            DisplayNames.Number(summary.RequestedRate),
            DisplayNames.Number(total.AchievedRate),
            Count(total.Requests),
            Count(total.Errors),
            Count(total.Late),
            Count(total.Dropped),
            Ms(latency?.P50Ms),
            Ms(latency?.P90Ms),
            Ms(latency?.P99Ms),
            Ms(latency?.MaxMs),
            Ms(total.GeneratorLateness?.Percentiles?.P99Ms));
        console.Write(table);
        if (summary.Stages.Count > 0)
        {
            WriteStages(console, summary.Stages);
        }

        if (summary.Capacity is { } search)
        {
            WriteCapacity(console, search);
        }

        if (!string.IsNullOrEmpty(summary.StopReason))
        {
            console.WriteLine("the load ended early: " + summary.StopReason);
        }

        if (summary.GeneratorBehind)
        {
            console.WriteLine($"warning: the load generator fell behind its schedule (lateness p99 over its {DisplayNames.Number(summary.GeneratorLatenessLimitMs)} ms limit): the latencies include its own delay");
        }
    }

    /// <summary>One row per stage: a staged load's steps and ramps are judged apart (a rate limiter's edge shows in one stage, not in the total).</summary>
    private static void WriteStages(IAnsiConsole console, IEnumerable<LoadStageStats> stages)
    {
        var table = Tables.Create("stage", "shape", "rate", "from s", "ran s", "requested rps", "achieved rps", "requests", "errors", "p50 ms", "p99 ms", "max ms");
        foreach (var stage in stages)
        {
            var stats = stage.Stats ?? new LoadStats();
            var latency = stats.LatencyIntended?.Percentiles;
            table.AddTextRow(
                Count(stage.Index + 1),
                stage.Shape,
                DisplayNames.Number(stage.Rate),
                DisplayNames.Number(stage.StartSeconds),
                DisplayNames.Number(stage.RanSeconds),
                DisplayNames.Number(stage.RequestedRate),
                DisplayNames.Number(stats.AchievedRate),
                Count(stats.Requests),
                Count(stats.Errors),
                Ms(latency?.P50Ms),
                Ms(latency?.P99Ms),
                Ms(latency?.MaxMs));
        }

        console.Write(table);
    }

    /// <summary>A capacity search: the knee and each probe in the order run (the latency-vs-rate curve).</summary>
    private static void WriteCapacity(IAnsiConsole console, CapacitySearch search)
    {
        var knee = search.KneeRps > 0 ? DisplayNames.Number(search.KneeRps) + " requests/s" : "none in the range";
        console.WriteLine($"capacity: {knee}; {search.Reason}");
        var table = Tables.Create("probe", "rate", "achieved rps", "p99 ms", "errors %", "verdict");
        foreach (var (probe, i) in search.Probes.Select((p, i) => (p, i)))
        {
            table.AddTextRow(
                Count(i + 1),
                DisplayNames.Number(probe.Rate),
                DisplayNames.Number(probe.AchievedRate),
                DisplayNames.Number(probe.P99Ms),
                DisplayNames.Number(probe.ErrorRatePercent),
                probe.Passed ? "meets the SLO" : probe.Reason);
        }

        console.Write(table);
    }

    private static void WriteQueries(IAnsiConsole console, IEnumerable<QueryResult> queries)
    {
        var table = Tables.Create("query", "better", "threshold %", "floor", "series", "samples", "median", "error");
        foreach (var query in queries)
        {
            var values = query.Series.SelectMany(s => s.Samples).Select(s => s.Value).Order().ToList();
            var median = values.Count == 0 ? "-" : DisplayNames.Number(values[values.Count / 2]);
            table.AddTextRow(
                query.Name,
                DisplayNames.Of(query.Better),
                DisplayNames.Number(query.ThresholdPercent),
                query.Floor > 0 ? "±" + query.Floor.ToString("0.######", CultureInfo.InvariantCulture) : "-", // the least change that counts, in the query's units (often far below 0.01)
                Count(query.Series.Count),
                Count(values.Count),
                median,
                string.IsNullOrEmpty(query.Error) ? "-" : query.Error);
        }

        console.Write(table);
        foreach (var warning in queries.Select(q => q.CoarseBucketWarning()).OfType<string>())
        {
            console.WriteLine("warning: coarse buckets: " + warning);
        }
    }

    /// <summary>A comparison's verdict, what it was compared against, and one row per metric.</summary>
    public static void WriteComparison(IAnsiConsole console, string title, Contracts.V1.Comparison? comparison)
    {
        if (comparison is null)
        {
            return;
        }

        if (comparison.Metrics.Count == 0 && comparison.Targets.Count > 0)
        {
            WriteTargets(console, comparison); // a mirrored run on its own: its targets' verdict is all there is
            return;
        }

        console.WriteTitle($"{title}: {DisplayNames.Of(comparison.Verdict)}");
        if (!string.IsNullOrEmpty(comparison.BaselineTestId))
        {
            // A local run outside git has no commit: say nothing rather than "at ,".
            var at = string.IsNullOrEmpty(comparison.BaselineCommit) ? string.Empty : " at " + DisplayNames.ShortCommit(comparison.BaselineCommit);
            console.WriteLine($"baseline {comparison.BaselineTestId}{at}, alpha {DisplayNames.Number(comparison.Alpha)}");
        }
        else if (!string.IsNullOrEmpty(comparison.BaselineCommit))
        {
            console.WriteLine($"baseline commit {DisplayNames.ShortCommit(comparison.BaselineCommit)}, alpha {DisplayNames.Number(comparison.Alpha)}");
        }

        var noise = string.IsNullOrEmpty(comparison.Noise) ? string.Empty : "warning: " + comparison.Noise;
        foreach (var line in new[] { comparison.Method, comparison.Correction, ConfirmationText.Of(comparison.Confirmation), noise }.Where(l => !string.IsNullOrEmpty(l)))
        {
            console.WriteLine(line);
        }

        WriteRows(console, comparison.Metrics);
        if (comparison.Endpoints.Count > 0 || comparison.EndpointCorrection.Length > 0)
        {
            // Worst first, as the comparison orders them: the endpoint that moved heads the table.
            console.WriteTitle("Endpoints");
            console.WriteLine(comparison.EndpointCorrection);
            if (comparison.Endpoints.Count > 0)
            {
                WriteRows(console, comparison.Endpoints);
            }
        }

        if (comparison.Targets.Count > 0)
        {
            WriteTargets(console, comparison);
        }
    }

    /// <summary>A mirrored run's duet: a verdict of its own, apart from the baseline's.</summary>
    private static void WriteTargets(IAnsiConsole console, Contracts.V1.Comparison comparison)
    {
        console.WriteTitle($"Targets against {comparison.TargetReference}: {DisplayNames.Of(comparison.TargetVerdict)}");
        console.WriteLine(comparison.TargetMethod);
        WriteRows(console, comparison.Targets);
    }

    // Nine columns fit an 120-column terminal; the reasons (a sentence each) go under the table,
    // where they do not stretch every row.
    private static void WriteRows(IAnsiConsole console, IEnumerable<MetricComparison> rows)
    {
        var metrics = rows.ToList();
        var table = Tables.Create("metric", "baseline", "test", "change %", "interval %", "N", "threshold %", "p-value", "verdict");
        foreach (var metric in metrics)
        {
            table.AddTextRow(
                metric.Label,
                DisplayNames.Number(metric.BaselineMedian),
                DisplayNames.Number(metric.TestMedian),
                double.IsNaN(metric.ChangePercent) ? "-" : metric.ChangePercent.ToString("+0.##;-0.##;0", CultureInfo.InvariantCulture),
                Interval(metric),
                metric.Pairs > 0 ? Count(metric.Pairs) + " pairs" : Count(metric.TestSamples),
                DisplayNames.Number(metric.ThresholdPercent),
                PValueText.Of(metric.PValue, missing: "-"),
                DisplayNames.Of(metric.Verdict));
        }

        console.Write(table);
        foreach (var metric in metrics.Where(m => !string.IsNullOrEmpty(m.Message)))
        {
            console.WriteLine($"  {metric.Label} ({metric.Source}): {metric.Message}");
        }
    }

    public static string Interval(MetricComparison metric) =>
        metric.HasInterval
            ? string.Create(CultureInfo.InvariantCulture, $"{metric.CiLowPercent:+0.##;-0.##;0} .. {metric.CiHighPercent:+0.##;-0.##;0} ({metric.Confidence * 100:0.##}%)")
            : "-";

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Ms(double? value) => value is null ? "-" : value.Value.ToString("0.###", CultureInfo.InvariantCulture);
}
