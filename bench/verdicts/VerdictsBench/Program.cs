using System.Globalization;
using PerfFleet.Bench.Verdicts;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Comparison;

// bench/verdicts: synthetic runs through the real RunComparer. Options: --trials (1000),
// --pairs (the default pairs to recommend, 10), --latency-threshold (3), --sweep (pair counts), --seed.
var trials = IntArg("--trials", 1000);
var defaultPairs = IntArg("--pairs", 10);
var latencyThreshold = DoubleArg("--latency-threshold", 3);
var seed = IntArg("--seed", 20261202);
var sweep = (Arg("--sweep") ?? "4,6,8,10,12,15").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
SeriesKind[] kinds = [SeriesKind.Independent, SeriesKind.Ar080, SeriesKind.Ar095, SeriesKind.PromQl];
double[] changes = [1, 1.05, 1.10];
var rowSeed = seed;

Console.WriteLine(Invariant($"verdicts bench: {trials} trials per row, seed {seed}, alpha {Trials.Alpha}, 10 metrics per run, run-to-run offset 1-3 % per repetition"));
Console.WriteLine(Invariant($"## Verdicts per metric, {defaultPairs} pairs, latency thresholds {latencyThreshold} % (regression / inconclusive / improvement, of {trials})"));
foreach (var kind in kinds)
{
    foreach (var change in changes)
    {
        var scenario = new Scenario(kind, change, new BenchThresholds(latencyThreshold));
        var noise = new Noise(rowSeed++);
        var counts = new SortedDictionary<string, int[]>(StringComparer.Ordinal);
        for (var trial = 0; trial < trials; trial++)
        {
            foreach (var metric in Trials.PairedComparison(noise, scenario, defaultPairs, PairedIntervalMethod.StudentT).Comparison.Metrics)
            {
                var count = counts.TryGetValue(metric.Metric, out var c) ? c : counts[metric.Metric] = new int[3];
                count[0] += metric.Verdict == Verdict.Regression ? 1 : 0;
                count[1] += metric.Verdict == Verdict.Inconclusive ? 1 : 0;
                count[2] += metric.Verdict == Verdict.Improvement ? 1 : 0;
            }
        }

        Console.WriteLine(Invariant($"{kind} {scenario.Change}: ") + string.Join(", ", counts.Select(c => Invariant($"{c.Key} {c.Value[0]}/{c.Value[1]}/{c.Value[2]}"))));
    }
}

Console.WriteLine();
Console.WriteLine(Invariant($"## Pairs sweep (latency thresholds {latencyThreshold} %): share of runs with a regression verdict"));
Console.WriteLine("| series | interval | pairs | A/A | +5 % | +10 % | µs/verdict |");
Console.WriteLine("| --- | --- | ---: | --- | --- | --- | ---: |");
foreach (var kind in kinds)
{
    foreach (var method in new[] { PairedIntervalMethod.StudentT, PairedIntervalMethod.SignedRank })
    {
        foreach (var pairs in sweep)
        {
            var rates = changes.Select(c => Run(new Scenario(kind, c, new BenchThresholds(latencyThreshold)), (n, s) => Trials.Paired(n, s, pairs, method))).ToList();
            Console.WriteLine(Invariant($"| {kind} | {method} | {pairs} | {Outcome.Rate(rates[0].Regressions, trials)} | {Outcome.Rate(rates[1].Regressions, trials)} | {Outcome.Rate(rates[2].Regressions, trials)} | {rates.Average(r => r.MeanMicroseconds):0} |"));
        }
    }
}

foreach (var threshold in new[] { 10.0, latencyThreshold }.Distinct())
{
    Console.WriteLine();
    Console.WriteLine(Invariant($"## Old rule against the new ones (latency thresholds {threshold} %, {defaultPairs} pairs, history of 5)"));
    Console.WriteLine("| series | change | rule | regression verdicts | inconclusive | any flag | µs/verdict |");
    Console.WriteLine("| --- | --- | --- | --- | --- | --- | ---: |");
    foreach (var kind in kinds)
    {
        foreach (var change in changes)
        {
            var scenario = new Scenario(kind, change, new BenchThresholds(threshold));
            var old = Run(scenario, Trials.Old);
            var rows = new (string Rule, Outcome Outcome)[]
            {
                ("old: one run, Mann-Whitney over scrape points", old),
                ("new: one run, n_eff window", Run(scenario, Trials.Single)),
                (Invariant($"new: {defaultPairs} pairs"), Run(scenario, (n, s) => Trials.Paired(n, s, defaultPairs, PairedIntervalMethod.StudentT))),
                ("new: history of 5", Run(scenario, (n, s) => Trials.History(n, s, 5))),
            };
            foreach (var (rule, outcome) in rows)
            {
                var ratio = old.Regressions == 0 ? "" : Invariant($" (x{(double)outcome.Regressions / old.Regressions:0.##} of old)");
                Console.WriteLine(Invariant($"| {kind} | {scenario.Change} | {rule} | {Outcome.Rate(outcome.Regressions, trials)}{ratio} | {Outcome.Rate(outcome.Inconclusive, trials)} | {Outcome.Rate(outcome.Flagged, trials)} | {outcome.MeanMicroseconds:0} |"));
            }
        }
    }
}

return 0;

Outcome Run(Scenario scenario, Func<Noise, Scenario, (Verdict Verdict, double Microseconds)> rule)
{
    // Every row its own seed: a row's numbers do not depend on which rows ran before it.
    var noise = new Noise(rowSeed++);
    var outcome = new Outcome();
    for (var trial = 0; trial < trials; trial++)
    {
        var (verdict, microseconds) = rule(noise, scenario);
        outcome.Add(verdict == Verdict.Regression, verdict == Verdict.Inconclusive, verdict != Verdict.Unchanged, microseconds);
    }

    return outcome;
}

string? Arg(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

int IntArg(string name, int fallback) => Arg(name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

double DoubleArg(string name, double fallback) => Arg(name) is { } value ? double.Parse(value, CultureInfo.InvariantCulture) : fallback;

static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
