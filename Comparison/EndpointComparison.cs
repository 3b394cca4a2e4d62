using System.Globalization;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Comparison;

/// <summary>
/// Each endpoint's engine metrics (intended-time p99, achieved rate, error rate), judged with the
/// evidence the run itself had: the same comparison (paired, history or window) runs on every
/// measurement seen through one endpoint (<see cref="Through"/>). The endpoints' rows are corrected
/// as a family of their own, so a scenario with thirty endpoints neither dilutes the run's own
/// rows nor raises the chance of a false alarm on some endpoint above alpha.
/// </summary>
internal static class EndpointComparison
{
    /// <summary>
    /// Adds the endpoint rows to <paramref name="comparison"/> and lets an endpoint's regression
    /// or improvement count in its verdict: a slower checkout is a regression even when the other
    /// endpoints' traffic hides it in the totals. An endpoint's inconclusive or error row does not
    /// turn the run's verdict: it is shown, and the run's own rows decide whether to run more.
    /// </summary>
    /// <param name="comparison">The run's comparison, its own rows decided.</param>
    /// <param name="test">The run judged; its test side names the endpoints.</param>
    /// <param name="compare">The run's own comparison, applied to measurements seen through one endpoint.</param>
    /// <param name="options">Alpha and which endpoints are judged.</param>
    /// <param name="spreadMeasured">
    /// Whether the evidence measured the run-to-run spread (pairs, a history). One run against one
    /// other only assumes it, and an endpoint's p99 from a few thousand requests moves by tens of
    /// percent between two runs of the same build: then the rows are shown but do not count.
    /// </param>
    public static void Add(
        PerfFleet.Contracts.V1.Comparison comparison,
        RunMeasurements test,
        Func<Func<RunMeasurements, RunMeasurements>, IReadOnlyList<PendingMetric>> compare,
        ComparisonOptions options,
        bool spreadMeasured = true)
    {
        var (judged, leftOut) = Choose(test, options);
        if (judged.Count == 0)
        {
            comparison.EndpointCorrection = leftOut.Count == 0 ? string.Empty : "no endpoint judged: " + string.Join("; ", leftOut);
            return;
        }

        var pending = new List<PendingMetric>();
        foreach (var endpoint in judged)
        {
            foreach (var row in compare(run => Through(run, endpoint)))
            {
                row.Row.Endpoint = endpoint;
                if (row.Row.Message == WindowComparison.NoEngineSummary)
                {
                    row.Row.Message = "the baseline run sent no requests to this endpoint";
                }

                pending.Add(row);
            }
        }

        var family = new PerfFleet.Contracts.V1.Comparison();
        RunJudgement.Decide(family, pending, options);
        comparison.Endpoints.AddRange(WorstFirst(family.Metrics));
        comparison.EndpointCorrection = string.Create(CultureInfo.InvariantCulture, $"{judged.Count} endpoints, a family of their own: {family.Correction}")
            + (leftOut.Count == 0 ? string.Empty : "; left out: " + string.Join("; ", leftOut))
            + (spreadMeasured ? string.Empty : "; one run each, whose spread between runs is unknown: shown, not counted in the run's verdict");
        if (!spreadMeasured)
        {
            return;
        }

        var decisive = comparison.Endpoints.Select(m => m.Verdict).Where(v => v is Verdict.Regression or Verdict.Improvement).ToList();
        if (decisive.Count > 0 && comparison.Verdict != Verdict.NoBaseline)
        {
            comparison.Verdict = VerdictRule.Overall([comparison.Verdict, .. decisive]);
        }
    }

    /// <summary>A measurement as one endpoint saw it: that endpoint's statistics as the engine's totals, nothing else.</summary>
    public static RunMeasurements Through(RunMeasurements run, string endpoint)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new RunMeasurements(
            run.TestId,
            run.Commit,
            [],
            SummaryThrough(run.Summary, endpoint),
            Repetitions: run.Repetitions?.Select(r => new Repetition
            {
                Pair = r.Pair,
                Role = r.Role,
                Commit = r.Commit,
                Order = r.Order,
                StartedAt = r.StartedAt,
                Summary = SummaryThrough(r.Summary, endpoint),
            }).ToList());
    }

    private static LoadSummary? SummaryThrough(LoadSummary? summary, string endpoint) =>
        summary is not null && summary.ByEndpoint.TryGetValue(endpoint, out var stats) ? new LoadSummary { Total = stats } : null;

    /// <summary>The endpoints the test side measured, busiest first, and why the others are not judged.</summary>
    private static (List<string> Judged, List<string> LeftOut) Choose(RunMeasurements test, ComparisonOptions options)
    {
        // A paired run's test side is its test repetitions; the fewest requests any of them sent decides.
        var summaries = test.Repetitions is { Count: > 0 } repetitions
            ? repetitions.Where(r => r.Role == RepetitionRole.Test && r.Summary is not null).Select(r => r.Summary!).ToList()
            : test.Summary is null ? [] : [test.Summary];
        var requests = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var summary in summaries)
        {
            foreach (var (name, stats) in summary.ByEndpoint)
            {
                requests[name] = requests.TryGetValue(name, out var seen) ? Math.Min(seen, stats.Requests) : stats.Requests;
            }
        }

        var judged = new List<string>();
        var leftOut = new List<string>();
        if (requests.Count < 2)
        {
            return (judged, leftOut); // one endpoint's rows would repeat the run's own
        }

        var few = new List<string>();
        foreach (var (name, count) in requests.OrderByDescending(e => e.Value).ThenBy(e => e.Key, StringComparer.Ordinal))
        {
            if (count < options.EndpointMinRequests)
            {
                few.Add(name);
            }
            else if (judged.Count < options.MaxEndpoints)
            {
                judged.Add(name);
            }
            else
            {
                leftOut.Add(string.Create(CultureInfo.InvariantCulture, $"{name} (past the first {options.MaxEndpoints})"));
            }
        }

        if (few.Count > 0)
        {
            leftOut.Insert(0, string.Create(CultureInfo.InvariantCulture, $"{string.Join(", ", few)} (fewer than {options.EndpointMinRequests} requests in a test run)"));
        }

        return (judged, leftOut);
    }

    /// <summary>Endpoints by their worst row (a regression first), then by how far their worst row moved the wrong way; each endpoint's rows together.</summary>
    private static IEnumerable<MetricComparison> WorstFirst(IEnumerable<MetricComparison> rows) =>
        rows.GroupBy(r => r.Endpoint, StringComparer.Ordinal)
            .OrderBy(g => g.Min(r => Rank(r.Verdict)))
            .ThenByDescending(g => g.Max(Adverse))
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .SelectMany(g => g);

    private static int Rank(Verdict verdict) => verdict switch
    {
        Verdict.Regression => 0,
        Verdict.Error => 1,
        Verdict.Inconclusive => 2,
        Verdict.Improvement => 3,
        Verdict.Unchanged => 4,
        _ => 5,
    };

    // How far a row moved in its worse direction, in percent; 0 when it got better or has no estimate.
    private static double Adverse(MetricComparison row)
    {
        if (!double.IsFinite(row.ChangePercent))
        {
            return 0;
        }

        var worse = row.Better == Better.Higher ? -row.ChangePercent : row.ChangePercent;
        return Math.Max(0, worse);
    }
}
