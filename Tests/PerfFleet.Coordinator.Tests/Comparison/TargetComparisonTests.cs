using PerfFleet.Comparison;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Coordinator.Tests.Comparison;

public sealed class TargetComparisonTests
{
    private const string Production = "http://127.0.0.1:8081";
    private const string Tuned = "http://127.0.0.1:8082";

    [Fact]
    public void Compare_OneMirroredRunNoBaseline_JudgesTheTunedTargetAgainstProductionOnItsOwn()
    {
        var run = new RunMeasurements("test-1", "c", [], Mirrored(productionP99: 10, tunedP99: 15));

        var comparison = PairedComparisonTests.Comparer().Compare(run, baseline: null);

        Assert.Equal(Verdict.NoBaseline, comparison.Verdict); // the baseline verdict is its own
        Assert.Equal(Production, comparison.TargetReference);
        Assert.Equal(Verdict.Regression, comparison.TargetVerdict);
        var p99 = comparison.Targets.Single(m => m.Metric == EngineMetrics.P99Ms);
        Assert.Equal(Tuned, p99.Target);
        Assert.Equal((10, 15), (p99.BaselineMedian, p99.TestMedian));
        Assert.Equal(Verdict.Regression, p99.Verdict);
        Assert.Equal("window", p99.Method);
        Assert.StartsWith($"one run: each target's single values against {Production}'s", comparison.TargetMethod, StringComparison.Ordinal);
        Assert.Equal($"{Tuned} {EngineMetrics.P99Ms}", p99.Label);
    }

    [Fact]
    public void ComparePaired_TestRepetitionsAreThePairs_AndTheBaselineCommitsRepetitionsAreNot()
    {
        var repetitions = new List<Repetition>();
        for (var pair = 1; pair <= 6; pair++)
        {
            var jitter = 1 + (0.01 * Math.Sin(pair));
            // The baseline commit's repetitions have the targets the other way round: they must not count.
            repetitions.Add(new Repetition { Pair = pair, Role = RepetitionRole.Baseline, Commit = "base", Summary = Mirrored(12 * jitter, 10 * jitter) });
            repetitions.Add(new Repetition { Pair = pair, Role = RepetitionRole.Test, Commit = "test", Summary = Mirrored(10 * jitter, 8 * jitter) });
        }

        var comparison = PairedComparisonTests.Comparer().ComparePaired(new RunMeasurements("paired-1", "test", [], null, Repetitions: repetitions));

        var p99 = comparison.Targets.Single(m => m.Metric == EngineMetrics.P99Ms);
        Assert.Equal(Verdict.Improvement, p99.Verdict);
        Assert.Equal(6, p99.Pairs);
        Assert.InRange(p99.ChangePercent, -21, -19);
        Assert.Equal(Verdict.Improvement, comparison.TargetVerdict);
        Assert.StartsWith($"6 repetitions of the test commit, each target against {Production}", comparison.TargetMethod, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_MirroredWithoutCompareTargets_HasNoTargetRows()
    {
        var summary = Mirrored(10, 15);
        summary.CompareTargets = false;

        var comparison = PairedComparisonTests.Comparer().Compare(new RunMeasurements("test-1", "c", [], summary), baseline: null);

        Assert.Empty(comparison.Targets);
        Assert.Equal(Verdict.Unspecified, comparison.TargetVerdict);
    }

    [Fact]
    public void Compare_ReferenceMissingFromTheTargets_HasNoTargetRows()
    {
        var summary = Mirrored(10, 15);
        summary.ReferenceTarget = "http://127.0.0.1:9999";

        Assert.Empty(PairedComparisonTests.Comparer().Compare(new RunMeasurements("test-1", "c", [], summary), baseline: null).Targets);
    }

    private static LoadSummary Mirrored(double productionP99, double tunedP99)
    {
        var summary = new LoadSummary { CompareTargets = true, ReferenceTarget = Production, Total = Stats((productionP99 + tunedP99) / 2) };
        summary.ByTarget[Tuned] = Stats(tunedP99); // inserted first: the reference is named, not the first key
        summary.ByTarget[Production] = Stats(productionP99);
        return summary;
    }

    private static LoadStats Stats(double p99Ms) => new()
    {
        Requests = 6000,
        Responses = 6000,
        AchievedRate = 100,
        LatencyIntended = new Histogram { TotalCount = 6000, Percentiles = new LatencyPercentiles { P99Ms = p99Ms } },
    };
}
