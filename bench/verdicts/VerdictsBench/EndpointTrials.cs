using System.Globalization;
using Microsoft.Extensions.Options;
using PerfFleet.Comparison;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Bench.Verdicts;

/// <summary>
/// Per-endpoint verdicts: a load of five endpoints (40, 25, 15, 12 and 8 % of 10,000 requests a
/// repetition), one of which, the smallest ("POST /checkout"), may get slower. Each repetition
/// has its machine factor (1-3 % spread, as the main tables); an endpoint's p99 also carries the
/// sampling noise of a quantile of its own requests (3 % at 4,000 requests, growing as
/// 1/sqrt(n)), and the total p99 moves by the changed endpoint's share of the change. Counts, per
/// rule: runs whose verdict is a regression (the shipped rule, endpoints counted), runs whose own
/// totals alone say regression (what the verdict was before endpoints were judged), and runs
/// with any endpoint row a regression.
/// </summary>
internal static class EndpointTrials
{
    private const long RequestsPerRepetition = 10_000;
    private const string Changed = "POST /checkout";

    private static readonly (string Name, double Share, double P99Ms)[] Endpoints =
    [
        ("GET /home", 0.40, 20), ("GET /items/{id}", 0.25, 35), ("GET /search", 0.15, 80), ("POST /cart", 0.12, 45), (Changed, 0.08, 120),
    ];

    public static void Print(int trials, int seed, IReadOnlyList<int> pairCounts)
    {
        double[] changes = [1, 1.10, 1.20];
        var rules = pairCounts.Select(n => (Name: $"{n} pairs", Pairs: n)).Append((Name: "history of 5", Pairs: 0)).ToList();
        Console.WriteLine();
        Console.WriteLine("## Endpoints: five endpoints, the smallest (8 % of requests) changed; regression verdicts (Wilson 95 %)");
        Console.WriteLine("| rule | change of POST /checkout | run verdict (endpoints counted) | totals alone | any endpoint row |");
        Console.WriteLine("| --- | --- | --- | --- | --- |");
        var lines = new string[rules.Count * changes.Length];
        Parallel.For(0, lines.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var (name, pairs) = rules[i / changes.Length];
            var change = changes[i % changes.Length];
            var noise = new Noise(seed + 3_000 + i);
            var comparer = new RunComparer(Options.Create(new ComparisonOptions { Alpha = Trials.Alpha }), TimeProvider.System);
            int run = 0, totals = 0, endpoint = 0;
            for (var trial = 0; trial < trials; trial++)
            {
                var sigma = noise.Uniform(0.01, 0.03);
                var comparison = pairs > 0
                    ? comparer.ComparePaired(new RunMeasurements("paired", "test", [], null, Repetitions: Paired(noise, sigma, change, pairs)))
                    : comparer.CompareWithHistory(
                        Run(noise, sigma, change, "test"),
                        [.. Enumerable.Range(0, 5).Select(b => Run(noise, sigma, 1, "baseline-" + b))]);
                run += comparison.Verdict == Verdict.Regression ? 1 : 0;
                totals += VerdictRule.Overall(comparison.Metrics.Select(m => m.Verdict)) == Verdict.Regression ? 1 : 0;
                endpoint += comparison.Endpoints.Any(m => m.Verdict == Verdict.Regression) ? 1 : 0;
            }

            var label = change == 1 ? "A/A" : string.Create(CultureInfo.InvariantCulture, $"+{(change - 1) * 100:0} %");
            lines[i] = $"| {name} | {label} | {Outcome.Rate(run, trials)} | {Outcome.Rate(totals, trials)} | {Outcome.Rate(endpoint, trials)} |";
        });
        foreach (var line in lines)
        {
            Console.WriteLine(line);
        }
    }

    private static List<Repetition> Paired(Noise noise, double sigma, double change, int pairs)
    {
        var repetitions = new List<Repetition>(pairs * 2);
        for (var pair = 1; pair <= pairs; pair++)
        {
            repetitions.Add(new Repetition { Pair = pair, Role = RepetitionRole.Baseline, Commit = "base", Summary = Summary(noise, sigma, 1) });
            repetitions.Add(new Repetition { Pair = pair, Role = RepetitionRole.Test, Commit = "test", Summary = Summary(noise, sigma, change) });
        }

        return repetitions;
    }

    private static RunMeasurements Run(Noise noise, double sigma, double change, string id) => new(id, id, [], Summary(noise, sigma, change));

    private static LoadSummary Summary(Noise noise, double sigma, double change)
    {
        var machine = Math.Exp(sigma * noise.Normal());
        var summary = new LoadSummary { RequestedRate = 2000 };
        var changedShare = Endpoints.Single(e => e.Name == Changed).Share;
        summary.Total = Stats(noise, RequestsPerRepetition, 60 * machine * (1 + (changedShare * (change - 1))) * Math.Exp(0.02 * noise.Normal()));
        foreach (var (name, share, p99) in Endpoints)
        {
            var requests = (long)(RequestsPerRepetition * share);
            var sampling = 0.03 * Math.Sqrt(4000.0 / requests);
            var factor = name == Changed ? change : 1;
            summary.ByEndpoint[name] = Stats(noise, requests, p99 * machine * factor * Math.Exp(sampling * noise.Normal()));
        }

        return summary;
    }

    private static LoadStats Stats(Noise noise, long requests, double p99Ms) => new()
    {
        Requests = requests,
        Responses = requests,
        AchievedRate = requests / 5.0 * (1 + (0.002 * noise.Normal())),
        LatencyIntended = new Histogram { TotalCount = requests, Percentiles = new LatencyPercentiles { P99Ms = p99Ms } },
    };
}
