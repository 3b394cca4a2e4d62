using System.Globalization;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Comparison;

/// <summary>
/// Runs measured while the machine was too busy for the load generator to keep its schedule: it
/// sent more than <see cref="ComparisonOptions.LateRequestsPercent"/> of the requests late (by its
/// own lateness, not a backlog the system under test caused), or its lateness p99 passed the
/// engine's limit (<c>LoadSummary.generator_behind</c>). Their
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
        return Noisy(run.Summary, lateRequestsPercent) || (run.Repetitions ?? []).Any(r => Noisy(r.Summary, lateRequestsPercent));
    }

    private static bool Noisy(LoadSummary? summary, double lateRequestsPercent) =>
        LatePercent(summary) > lateRequestsPercent || summary?.GeneratorBehind == true;

    private static double LatePercent(LoadSummary? summary) =>
        summary?.Total is { Requests: > 0 } total ? 100.0 * LateCount(total) / total.Requests : 0;

    // The generator's own lateness (its pacer's) where the engine measured it: a backlog the system
    // under test caused is not a busy machine. Results from before it count every late request.
    private static long LateCount(LoadStats total) => total.GeneratorLateness is null ? total.Late : total.GeneratorLate;

    private static void Add(List<string> late, string what, LoadSummary? summary, double limitPercent)
    {
        var percent = LatePercent(summary);
        if (percent > limitPercent)
        {
            late.Add(string.Create(CultureInfo.InvariantCulture, $"{what}: {LateCount(summary!.Total)} of {summary.Total.Requests} requests ({percent:0.#} %) sent late"));
        }

        if (summary?.GeneratorBehind == true)
        {
            late.Add(string.Create(CultureInfo.InvariantCulture, $"{what}: generator lateness p99 {summary.Total.GeneratorLateness.Percentiles.P99Ms:0.###} ms over its {summary.GeneratorLatenessLimitMs:0.###} ms limit"));
        }
    }
}
