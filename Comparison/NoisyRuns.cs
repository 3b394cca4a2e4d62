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
        var repetitions = test.Repetitions ?? [];
        var noisyRepetitions = repetitions.Where(r => Noisy(r.Summary, lateRequestsPercent)).ToList();
        if (noisyRepetitions.Count > MaxRepetitionsNamed)
        {
            late.Add(Summarize(noisyRepetitions, repetitions.Count, lateRequestsPercent));
        }
        else
        {
            foreach (var repetition in noisyRepetitions)
            {
                var role = repetition.Role == RepetitionRole.Baseline ? "baseline" : "test";
                Add(late, $"pair {repetition.Pair} {role}", repetition.Summary, lateRequestsPercent);
            }
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

    // A busy machine makes most repetitions of a paired run late: naming each one (two phrases for
    // each of 40 repetitions) buries the warning, so past this many they are summed up in one phrase.
    private const int MaxRepetitionsNamed = 3;

    /// <summary>"12 of 40 repetitions: generator lateness p99 1.1–10.2 ms (limit 1 ms) in 12; more than 1 % of the requests sent late in 1 (at most 1.1 %)".</summary>
    private static string Summarize(List<Repetition> noisy, int repetitions, double limitPercent)
    {
        var parts = new List<string>();
        var behind = noisy.Where(r => r.Summary.GeneratorBehind).Select(r => r.Summary).ToList();
        if (behind.Count > 0)
        {
            var p99s = behind.Select(s => s.Total.GeneratorLateness.Percentiles.P99Ms).ToList();
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"generator lateness p99 {p99s.Min():0.###}\u2013{p99s.Max():0.###} ms (limit {behind[0].GeneratorLatenessLimitMs:0.###} ms) in {behind.Count}"));
        }

        var latePercents = noisy.Select(r => LatePercent(r.Summary)).Where(p => p > limitPercent).ToList();
        if (latePercents.Count > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"more than {limitPercent:0.#} % of the requests sent late in {latePercents.Count} (at most {latePercents.Max():0.#} %)"));
        }

        return string.Create(CultureInfo.InvariantCulture, $"{noisy.Count} of {repetitions} repetitions: {string.Join("; ", parts)}");
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
