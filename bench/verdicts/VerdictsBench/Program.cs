using System.Diagnostics;
using System.Globalization;
using PerfFleet.Bench.Verdicts;
using PerfFleet.Comparison;
using PerfFleet.Contracts.V1;

// bench/verdicts: synthetic runs through the real RunComparer. Options: --trials (1000),
// --pairs (the fixed pair count of the main tables, 20), --first-pairs (the shipped flow's first
// pairs, the worker's DefaultPairs: 5), --latency-threshold (3), --unchanged-within (5: the shipped
// flow's band for "unchanged", beside the threshold alone), --shipped-only (that table alone), --sweep (pair counts of the t
// rule), --seed, --endpoint-pairs (5,10,20: the endpoints table), --endpoints-only (that table alone). Rows run in parallel, each with its own seed, so the numbers do not
// depend on the scheduling.
var trials = IntArg("--trials", 1000);
var defaultPairs = IntArg("--pairs", 20);
var firstPairs = IntArg("--first-pairs", 5); // the worker's DefaultPairs
var latencyThreshold = DoubleArg("--latency-threshold", 3);
var unchangedWithin = DoubleArg("--unchanged-within", 5); // the shipped flow beside the threshold alone (0)
var seed = IntArg("--seed", 20261202);
var sweep = Ints(Arg("--sweep") ?? "10,15,20,25");
var signedRankSweep = Ints(Arg("--signed-rank-sweep") ?? "20");
SeriesKind[] kinds = [SeriesKind.Independent, SeriesKind.Ar080, SeriesKind.Ar095, SeriesKind.PromQl];
double[] changes = [1, 1.05, 1.10];
var clock = Stopwatch.StartNew();
var endpointPairs = Ints(Arg("--endpoint-pairs") ?? "5,10,20");
if (args.Contains("--endpoints-only"))
{
    EndpointTrials.Print(trials, seed, endpointPairs);
    Console.WriteLine(Invariant($"finished in {clock.Elapsed.TotalSeconds:0} s on {Environment.ProcessorCount} cores"));
    return 0;
}

var spreads = (Arg("--window-spreads") ?? "2,3,4").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
if (args.Contains("--one-run-only"))
{
    PrintOneRunSpreads();
    Console.WriteLine(Invariant($"finished in {clock.Elapsed.TotalSeconds:0} s on {Environment.ProcessorCount} cores"));
    return 0;
}

if (args.Contains("--shipped-only"))
{
    PrintShippedFlow();
    Console.WriteLine(Invariant($"finished in {clock.Elapsed.TotalSeconds:0} s on {Environment.ProcessorCount} cores"));
    return 0;
}

Console.WriteLine(Invariant($"verdicts bench: {trials} trials per row, seed {seed}, alpha {Trials.Alpha}, 10 metrics per run (4 queries, 3 engine, 3 resources), run-to-run offset 1-3 % per repetition, {SimulatedRun.WindowPoints} points per window"));

// The sweep: one trial's pairs serve every pair count (its first N pairs), both intervals.
var sweepRules = sweep.Select(n => (Method: PairedIntervalMethod.StudentT, Pairs: n)).Concat(signedRankSweep.Select(n => (Method: PairedIntervalMethod.SignedRank, Pairs: n))).ToList();
var longest = sweepRules.Count == 0 ? 0 : sweepRules.Max(r => r.Pairs);
var sweepScenarios = sweepRules.Count == 0 ? [] : kinds.SelectMany(kind => changes.Select(change => new Scenario(kind, change, new BenchThresholds(latencyThreshold)))).ToList();
var sweepOutcomes = new Outcome[sweepScenarios.Count, sweepRules.Count];

var jobs = new List<Job>();
foreach (var threshold in new[] { latencyThreshold, 10.0 }.Distinct())
{
    foreach (var kind in kinds)
    {
        foreach (var change in changes)
        {
            var scenario = new Scenario(kind, change, new BenchThresholds(threshold));
            jobs.Add(new Job("main", scenario, "old: one run, Mann-Whitney over scrape points", Trials.Old));
            if (threshold != latencyThreshold)
            {
                // Today's thresholds: the old rule and the paired one only, to show why the threshold must be below the change to catch it.
                jobs.Add(new Job("main", scenario, Invariant($"new: {defaultPairs} pairs"), null) { Metrics = (n, s) => Trials.PairedWithMetrics(n, s, defaultPairs) });
                continue;
            }

            jobs.Add(new Job("main", scenario, "new: one run, n_eff window", Trials.Single));
            jobs.Add(new Job("main", scenario, Invariant($"new: {defaultPairs} pairs"), null) { Metrics = (n, s) => Trials.PairedWithMetrics(n, s, defaultPairs) });
            jobs.Add(new Job("main", scenario, "new: history of 5", (n, s) => Trials.History(n, s, 5)));
        }
    }
}

var outcomes = new Outcome[jobs.Count];
Parallel.For(0, jobs.Count + sweepScenarios.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
{
    if (i >= jobs.Count)
    {
        Sweep(i - jobs.Count);
        return;
    }

    var noise = new Noise(seed + i);
    var outcome = new Outcome();
    for (var trial = 0; trial < trials; trial++)
    {
        var job = jobs[i];
        var (verdict, microseconds, inconclusive) = job.Metrics is { } withMetrics ? withMetrics(noise, job.Scenario) : Without(job.Run!(noise, job.Scenario));
        outcome.Add(verdict == Verdict.Regression, verdict == Verdict.Inconclusive, verdict != Verdict.Unchanged, microseconds);
        outcome.AddInconclusive(inconclusive);
    }

    outcomes[i] = outcome;
});

Console.WriteLine();
Console.WriteLine(Invariant($"## Pairs sweep, latency thresholds {latencyThreshold} %: runs with a regression verdict (Wilson 95 %)"));
Console.WriteLine("| series | interval | pairs | A/A | +5 % | +10 % | µs/verdict |");
Console.WriteLine("| --- | --- | ---: | --- | --- | --- | ---: |");
for (var k = 0; k < kinds.Length; k++)
{
    for (var r = 0; r < sweepRules.Count; r++)
    {
        var rows = Enumerable.Range(0, changes.Length).Select(c => sweepOutcomes[(k * changes.Length) + c, r]).ToList();
        Console.WriteLine(Invariant($"| {kinds[k]} | {sweepRules[r].Method} | {sweepRules[r].Pairs} | {Rates(rows[0])} | {Rates(rows[1])} | {Rates(rows[2])} | {rows.Average(o => o.MeanMicroseconds):0} |"));
    }
}

foreach (var threshold in new[] { latencyThreshold, 10.0 }.Distinct())
{
    Console.WriteLine();
    Console.WriteLine(Invariant($"## Old rule against the new ones, latency thresholds {threshold} % ({defaultPairs} pairs, history of 5)"));
    Console.WriteLine("| series | change | rule | regression verdicts | new/old | inconclusive | any flag | µs/verdict |");
    Console.WriteLine("| --- | --- | --- | --- | ---: | --- | --- | ---: |");
    Outcome? old = null;
    foreach (var (job, outcome) in jobs.Select((job, i) => (job, outcomes[i])).Where(x => x.job.Table == "main" && x.job.Scenario.Thresholds.LatencyPercent == threshold))
    {
        old = job.Rule.StartsWith("old", StringComparison.Ordinal) ? outcome : old;
        var ratio = old is null || old.Regressions == 0 || ReferenceEquals(old, outcome) ? "" : Invariant($"{(double)outcome.Regressions / old.Regressions:0.00}");
        Console.WriteLine(Invariant($"| {job.Scenario.Kind} | {job.Scenario.Change} | {job.Rule} | {Rates(outcome)} | {ratio} | {Outcome.Rate(outcome.Inconclusive, outcome.Trials)} | {Outcome.Rate(outcome.Flagged, outcome.Trials)} | {outcome.MeanMicroseconds:0} |"));
    }
}

PrintShippedFlow();

Console.WriteLine();
Console.WriteLine(Invariant($"## Which metrics stay inconclusive, {defaultPairs} pairs, A/A (share of runs)"));
foreach (var (job, outcome) in jobs.Select((job, i) => (job, outcomes[i])).Where(x => x.job.Metrics is not null && x.job.Scenario.LatencyFactor == 1))
{
    Console.WriteLine(Invariant($"- {job.Scenario.Kind}, latency thresholds {job.Scenario.Thresholds.LatencyPercent} %: ") + string.Join(", ", outcome.InconclusiveMetrics.OrderByDescending(m => m.Value).Select(m => Invariant($"{m.Key} {100.0 * m.Value / outcome.Trials:0.#} %"))));
}

EndpointTrials.Print(trials, seed, endpointPairs);

Console.WriteLine();
Console.WriteLine(Invariant($"finished in {clock.Elapsed.TotalSeconds:0} s on {Environment.ProcessorCount} cores"));
return 0;

// The shipped flow: 5 pairs, more pairs when inconclusive (up to 20), a confirmation run for a
// regression; at each latency threshold with the threshold alone as the band for "unchanged" (as
// before), and with the --unchanged-within band and a floor on the error-ratio query.
void PrintShippedFlow()
{
    var bands = new[] { 0, unchangedWithin }.Distinct().ToList();
    // Each situation keeps its noise whatever the band, so the two bands see the same runs.
    var situations = new[] { latencyThreshold, 10.0 }.Distinct()
        .SelectMany(threshold => kinds.SelectMany(kind => changes.Select(change => (Threshold: threshold, Kind: kind, Change: change))))
        .ToList();
    var rows = bands
        .SelectMany(band => situations.Select((s, index) => (Scenario: new Scenario(s.Kind, s.Change, new BenchThresholds(s.Threshold, band, band > 0 ? BenchThresholds.ShippedErrorRatioFloor : 0)), Seed: seed + 2_000 + index)))
        .OrderBy(row => row.Seed)
        .ToList();
    var shippedScenarios = rows.Select(row => row.Scenario).ToList();
    var shipped = new (Outcome Outcome, double MeanPairs, int MaxPairs, int Unchanged)[shippedScenarios.Count];
    Parallel.For(0, shippedScenarios.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
    {
        var noise = new Noise(rows[i].Seed);
        var outcome = new Outcome();
        long pairs = 0;
        var most = 0;
        var unchanged = 0;
        for (var trial = 0; trial < trials; trial++)
        {
            var (verdict, used) = ShippedFlow.Run(noise, shippedScenarios[i], firstPairs);
            outcome.Add(verdict == Verdict.Regression, verdict == Verdict.Inconclusive, verdict != Verdict.Unchanged, 0);
            unchanged += verdict == Verdict.Unchanged ? 1 : 0;
            pairs += used;
            most = Math.Max(most, used);
        }

        shipped[i] = (outcome, (double)pairs / trials, most, unchanged);
    });

    Console.WriteLine();
    Console.WriteLine(Invariant($"## The shipped flow: {firstPairs} pairs, more pairs while inconclusive (FollowUps:MaxPairs), a confirmation run for a regression"));
    Console.WriteLine("| latency threshold | unchanged | series | change | final regression verdicts | final unchanged | final inconclusive | pairs per run (mean) | pairs (most) |");
    Console.WriteLine("| ---: | ---: | --- | --- | --- | --- | --- | ---: | ---: |");
    for (var i = 0; i < shippedScenarios.Count; i++)
    {
        var (outcome, meanPairs, most, unchanged) = shipped[i];
        var scenario = shippedScenarios[i];
        var band = scenario.Thresholds.UnchangedWithinPercent > 0 ? Invariant($"within {scenario.Thresholds.UnchangedWithinPercent} %, error floor") : "threshold alone";
        Console.WriteLine(Invariant($"| {scenario.Thresholds.LatencyPercent} % | {band} | {scenario.Kind} | {scenario.Change} | {Rates(outcome)} | {Outcome.Rate(unchanged, outcome.Trials)} | {Outcome.Rate(outcome.Inconclusive, outcome.Trials)} | {meanPairs:0.0} | {most} |"));
    }
}

// One run against one other (perffleet run --compare-to, a baseline with too little history): the
// run-to-run spread the window rule assumes per run, against the 1-3 % the runs really have. The
// same runs for every spread (each situation keeps its seed).
void PrintOneRunSpreads()
{
    var situations = kinds.SelectMany(kind => changes.Select(change => (Kind: kind, Change: change))).ToList();
    var rows = spreads.SelectMany(spread => situations.Select((s, index) => (Scenario: new Scenario(s.Kind, s.Change, new BenchThresholds(latencyThreshold, unchangedWithin, BenchThresholds.ShippedErrorRatioFloor, spread)), Seed: seed + 3_000 + index))).ToList();
    var results = new (Outcome Outcome, int Unchanged)[rows.Count];
    Parallel.For(0, rows.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
    {
        var noise = new Noise(rows[i].Seed);
        var outcome = new Outcome();
        var unchanged = 0;
        for (var trial = 0; trial < trials; trial++)
        {
            var (verdict, microseconds) = Trials.Single(noise, rows[i].Scenario);
            outcome.Add(verdict == Verdict.Regression, verdict == Verdict.Inconclusive, verdict != Verdict.Unchanged, microseconds);
            unchanged += verdict == Verdict.Unchanged ? 1 : 0;
        }

        results[i] = (outcome, unchanged);
    });

    Console.WriteLine();
    Console.WriteLine(Invariant($"## One run against one other, latency thresholds {latencyThreshold} %, unchanged within {unchangedWithin} %: the assumed run-to-run spread per run"));
    Console.WriteLine("| assumed spread | series | change | regression verdicts | unchanged | inconclusive | µs/verdict |");
    Console.WriteLine("| ---: | --- | --- | --- | --- | --- | ---: |");
    for (var i = 0; i < rows.Count; i++)
    {
        var (outcome, unchanged) = results[i];
        var scenario = rows[i].Scenario;
        Console.WriteLine(Invariant($"| {scenario.Thresholds.WindowRunSpreadPercent} % | {scenario.Kind} | {scenario.Change} | {Rates(outcome)} | {Outcome.Rate(unchanged, outcome.Trials)} | {Outcome.Rate(outcome.Inconclusive, outcome.Trials)} | {outcome.MeanMicroseconds:0} |"));
    }
}

void Sweep(int index)
{
    var scenario = sweepScenarios[index];
    var noise = new Noise(seed + 1_000 + index);
    for (var r = 0; r < sweepRules.Count; r++)
    {
        sweepOutcomes[index, r] = new Outcome();
    }

    for (var trial = 0; trial < trials; trial++)
    {
        var repetitions = Trials.PairedRepetitions(noise, scenario, longest);
        for (var r = 0; r < sweepRules.Count; r++)
        {
            var (comparison, microseconds) = Trials.ComparePrefix(repetitions, scenario, sweepRules[r].Pairs, sweepRules[r].Method);
            var verdict = comparison.Verdict;
            sweepOutcomes[index, r].Add(verdict == Verdict.Regression, verdict == Verdict.Inconclusive, verdict != Verdict.Unchanged, microseconds);
        }
    }
}

static (Verdict, double, IReadOnlyList<string>) Without((Verdict Verdict, double Microseconds) result) => (result.Verdict, result.Microseconds, []);

static string Rates(Outcome outcome) => Outcome.Rate(outcome.Regressions, outcome.Trials);

string? Arg(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

int IntArg(string name, int fallback) => Arg(name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

double DoubleArg(string name, double fallback) => Arg(name) is { } value ? double.Parse(value, CultureInfo.InvariantCulture) : fallback;

static int[] Ints(string list) => [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture))];

static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

/// <summary>One row of a table: which table, the situation, the rule's name and the rule.</summary>
internal sealed record Job(string Table, Scenario Scenario, string Rule, Func<Noise, Scenario, (Verdict Verdict, double Microseconds)>? Run)
{
    public Func<Noise, Scenario, (Verdict Verdict, double Microseconds, IReadOnlyList<string> Inconclusive)>? Metrics { get; init; }
}
