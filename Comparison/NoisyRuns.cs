using System.Globalization;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Comparison;

/// <summary>
/// Runs measured while the machine was too busy for the load generator to keep its schedule: it
/// sent more than <see cref="ComparisonOptions.LateRequestsPercent"/> of the requests late. Their
/// latency and CPU figures carry the machine's load, not only the code's, so a comparison with
/// one says so in every report (<c>Comparison.noise</c>) instead of passing it off as evidence.
/// </summary>
public static class NoisyRuns
{
    /// <summary>"this run: 39 of 1800 requests (2.2 %) sent late; ..." or empty when every run kept its schedule.</summary>
    public static string Describe(RunMeasurements test, IEnumerable<RunMeasurements> baselines, double lateRequestsPercent)
    {
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(baselines);
        var late = new List<string>();
        foreach (var repetition in test.Repetitions ?? [])
        {
            var role = repetition.Role == RepetitionRole.Baseline ? "baseline" : "test";
            Add(late, $"pair {repetition.Pair} {role}", repetition.Summary, lateRequestsPercent);
        }

        if (test.Repetitions is not { Count: > 0 })
        {
            Add(late, "this run", test.Summary, lateRequestsPercent);
        }

        foreach (var baseline in baselines)
        {
            Add(late, "baseline " + baseline.TestId, baseline.Summary, lateRequestsPercent);
        }

        return late.Count == 0
            ? string.Empty
            : "the load generator fell behind (a busy machine; latency and CPU figures are suspect): " + string.Join("; ", late);
    }

    /// <summary>Whether <paramref name="run"/> (any of its repetitions) was measured while its load generator fell behind.</summary>
    public static bool IsNoisy(RunMeasurements run, double lateRequestsPercent)
    {
        ArgumentNullException.ThrowIfNull(run);
        return LatePercent(run.Summary) > lateRequestsPercent || (run.Repetitions ?? []).Any(r => LatePercent(r.Summary) > lateRequestsPercent);
    }

    private static double LatePercent(LoadSummary? summary) =>
        summary?.Total is { Requests: > 0 } total ? 100.0 * total.Late / total.Requests : 0;

    private static void Add(List<string> late, string what, LoadSummary? summary, double limitPercent)
    {
        var percent = LatePercent(summary);
        if (percent > limitPercent)
        {
            late.Add(string.Create(CultureInfo.InvariantCulture, $"{what}: {summary!.Total.Late} of {summary.Total.Requests} requests ({percent:0.#} %) sent late"));
        }
    }
}
