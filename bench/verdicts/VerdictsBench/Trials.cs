using System.Diagnostics;
using Microsoft.Extensions.Options;
using PerfFleet.Comparison;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Bench.Verdicts;

/// <summary>The rules under test, each fed one trial's simulated runs; returns the run's verdict and what it cost.</summary>
internal static class Trials
{
    public const double Alpha = 0.01;
    private static readonly TimeProvider Clock = TimeProvider.System;

    public static (Verdict Verdict, double Microseconds) Old(Noise noise, Scenario scenario)
    {
        var (baseline, test) = TwoRuns(noise, scenario);
        var start = Stopwatch.GetTimestamp();
        var regression = OldRule.AnyRegression(baseline, test, scenario.Thresholds, Alpha);
        return (regression ? Verdict.Regression : Verdict.Unchanged, Stopwatch.GetElapsedTime(start).TotalMicroseconds);
    }

    public static (Verdict Verdict, double Microseconds) Single(Noise noise, Scenario scenario)
    {
        var (baseline, test) = TwoRuns(noise, scenario);
        var comparer = Comparer(scenario, PairedIntervalMethod.StudentT);
        var testRun = test.ToRun("test", scenario.Thresholds);
        var baselineRun = baseline.ToRun("baseline", scenario.Thresholds);
        var start = Stopwatch.GetTimestamp();
        var verdict = comparer.Compare(testRun, baselineRun).Verdict;
        return (verdict, Stopwatch.GetElapsedTime(start).TotalMicroseconds);
    }

    public static (Verdict Verdict, double Microseconds) Paired(Noise noise, Scenario scenario, int pairs, PairedIntervalMethod method) =>
        PairedComparison(noise, scenario, pairs, method) is var (comparison, microseconds) ? (comparison.Verdict, microseconds) : default;

    /// <summary>Like <see cref="Paired"/>, and the names of the metrics left inconclusive, to show which metrics keep a run from "unchanged".</summary>
    public static (Verdict Verdict, double Microseconds, IReadOnlyList<string> Inconclusive) PairedWithMetrics(Noise noise, Scenario scenario, int pairs)
    {
        var (comparison, microseconds) = PairedComparison(noise, scenario, pairs, PairedIntervalMethod.StudentT);
        return (comparison.Verdict, microseconds, [.. comparison.Metrics.Where(m => m.Verdict == Verdict.Inconclusive).Select(m => m.Metric)]);
    }

    public static (PerfFleet.Contracts.V1.Comparison Comparison, double Microseconds) PairedComparison(Noise noise, Scenario scenario, int pairs, PairedIntervalMethod method) =>
        ComparePrefix(PairedRepetitions(noise, scenario, pairs), scenario, pairs, method);

    /// <summary>The first <paramref name="pairs"/> pairs of a longer paired run: one trial's data serves every pair count of the sweep.</summary>
    public static (PerfFleet.Contracts.V1.Comparison Comparison, double Microseconds) ComparePrefix(IReadOnlyList<Repetition> repetitions, Scenario scenario, int pairs, PairedIntervalMethod method)
    {
        var comparer = Comparer(scenario, method);
        var paired = new RunMeasurements("paired", "test", [], null, Repetitions: [.. repetitions.Take(pairs * 2)]);
        var start = Stopwatch.GetTimestamp();
        var comparison = comparer.ComparePaired(paired);
        return (comparison, Stopwatch.GetElapsedTime(start).TotalMicroseconds);
    }

    public static List<Repetition> PairedRepetitions(Noise noise, Scenario scenario, int pairs)
    {
        var sigma = Sigma(noise);
        var repetitions = new List<Repetition>(pairs * 2);
        for (var pair = 1; pair <= pairs; pair++)
        {
            // The order inside a pair is randomised, as the worker does.
            var baselineFirst = noise.Uniform(0, 1) < 0.5;
            for (var slot = 0; slot < 2; slot++)
            {
                var isBaseline = (slot == 0) == baselineFirst;
                var run = SimulatedRun.Measure(noise, scenario.Kind, sigma, isBaseline ? 1 : scenario.LatencyFactor);
                repetitions.Add(run.ToRepetition(pair, isBaseline ? RepetitionRole.Baseline : RepetitionRole.Test, slot, scenario.Thresholds));
            }
        }

        return repetitions;
    }

    public static (Verdict Verdict, double Microseconds) History(Noise noise, Scenario scenario, int baselines)
    {
        var sigma = Sigma(noise);
        var history = Enumerable.Range(0, baselines)
            .Select(i => SimulatedRun.Measure(noise, scenario.Kind, sigma, 1).ToRun("baseline-" + i, scenario.Thresholds))
            .ToList();
        var test = SimulatedRun.Measure(noise, scenario.Kind, sigma, scenario.LatencyFactor).ToRun("test", scenario.Thresholds);
        var comparer = Comparer(scenario, PairedIntervalMethod.StudentT);
        var start = Stopwatch.GetTimestamp();
        var verdict = comparer.CompareWithHistory(test, history).Verdict;
        return (verdict, Stopwatch.GetElapsedTime(start).TotalMicroseconds);
    }

    private static (SimulatedRun Baseline, SimulatedRun Test) TwoRuns(Noise noise, Scenario scenario)
    {
        var sigma = Sigma(noise);
        return (SimulatedRun.Measure(noise, scenario.Kind, sigma, 1), SimulatedRun.Measure(noise, scenario.Kind, sigma, scenario.LatencyFactor));
    }

    // Each trial is a machine with its own run-to-run spread, 1-3 % (log scale).
    private static double Sigma(Noise noise) => noise.Uniform(0.01, 0.03);

    private static RunComparer Comparer(Scenario scenario, PairedIntervalMethod method) =>
        new(Options.Create(scenario.Thresholds.Options(method)), Clock);
}

/// <summary>One row's situation: how the window's points depend on each other, the true latency change, the thresholds.</summary>
internal sealed record Scenario(SeriesKind Kind, double LatencyFactor, BenchThresholds Thresholds)
{
    public string Change => LatencyFactor == 1 ? "A/A" : $"+{(LatencyFactor - 1) * 100:0} %";
}
