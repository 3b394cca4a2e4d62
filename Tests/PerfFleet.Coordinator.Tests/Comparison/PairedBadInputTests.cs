using PerfFleet.Comparison;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Coordinator.Tests.Comparison;

public sealed class PairedBadInputTests
{
    [Fact]
    public void ComparePaired_NoRepetitions_IsErrorSayingSo()
    {
        var comparison = PairedComparisonTests.Comparer().ComparePaired(new RunMeasurements("paired-1", "c", [], null));

        Assert.Equal(Verdict.Error, comparison.Verdict);
        Assert.Equal(0, comparison.Pairs);
        Assert.Empty(comparison.Metrics);
        Assert.Contains("nothing to compare", comparison.Method, StringComparison.Ordinal);
    }

    [Fact]
    public void ComparePaired_PairWithOneRole_IsLeftOutAndNamed()
    {
        var run = PairedRuns.Run(("latency", 10, [(100, 120), (102, 123), (98, 117), (101, 121), (99, 119)]));
        var repetitions = run.Repetitions!.ToList();
        repetitions.Add(PairedRuns.Repetition(6, RepetitionRole.Test, [("latency", 10, 500)])); // its baseline never arrived

        var comparison = PairedComparisonTests.Comparer().ComparePaired(run with { Repetitions = repetitions });

        Assert.Equal(5, comparison.Pairs);
        Assert.Contains("left out pairs without both a baseline and a test repetition: 6", comparison.Method, StringComparison.Ordinal);
        Assert.Equal(Verdict.Regression, comparison.Verdict);
    }

    [Fact]
    public void ComparePaired_OnlyOneRole_IsErrorNeverAnException()
    {
        var repetitions = Enumerable.Range(1, 3).Select(p => PairedRuns.Repetition(p, RepetitionRole.Test, [("latency", 10, 100)])).ToList();

        var comparison = PairedComparisonTests.Comparer().ComparePaired(new RunMeasurements("paired-1", "c", [], null, Repetitions: repetitions));

        Assert.Equal(Verdict.Error, comparison.Verdict);
        Assert.Contains("1, 2, 3", comparison.Method, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void ComparePaired_RepetitionWithoutFiniteSamples_IsLeftOutOfThatMetric(double bad)
    {
        var run = PairedRuns.Run(("latency", 10, [(100, 120), (102, 123), (98, 117), (101, 121), (99, 119), (100, 120)]));
        var broken = run.Repetitions!.First(r => r.Pair == 6 && r.Role == RepetitionRole.Test);
        foreach (var sample in broken.Queries[0].Series[0].Samples)
        {
            sample.Value = bad;
        }

        var metric = PairedComparisonTests.Comparer().ComparePaired(run).Metrics.Single();

        Assert.Equal(5, metric.Pairs);
        Assert.Equal(Verdict.Regression, metric.Verdict);
        Assert.Contains("1 pairs left out", metric.Message, StringComparison.Ordinal);
        Assert.Contains("no finite samples", metric.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ComparePaired_NegativeValues_AreComparedAsDifferences()
    {
        var run = PairedRuns.Run(("delta", 10, [(-1, 1), (-1, 1.1), (-0.9, 1), (-1.1, 0.9), (-1, 1)]));

        var metric = PairedComparisonTests.Comparer().ComparePaired(run).Metrics.Single();

        Assert.Contains("differences, not ratios", metric.Message, StringComparison.Ordinal);
        Assert.Equal(Verdict.Regression, metric.Verdict);
        Assert.True(double.IsFinite(metric.CiLowPercent));
    }

    [Fact]
    public void ComparePaired_OnePair_IsThresholdOnlyAndSaysSo()
    {
        var metric = PairedComparisonTests.Comparer().ComparePaired(PairedRuns.Run(("latency", 10, [(100, 130)]))).Metrics.Single();

        Assert.Equal(Verdict.Regression, metric.Verdict);
        Assert.Equal("threshold", metric.Method);
        Assert.Contains("only one complete pair", metric.Message, StringComparison.Ordinal);
        Assert.True(double.IsNaN(metric.CiLowPercent));
    }

    [Fact]
    public void ComparePaired_FailedQueryInEveryTestRepetition_IsError()
    {
        var run = PairedRuns.Run(("latency", 10, [(100, 120), (102, 123)]));
        foreach (var repetition in run.Repetitions!.Where(r => r.Role == RepetitionRole.Test))
        {
            repetition.Queries[0].Error = "bad_data: parse error";
        }

        var metric = PairedComparisonTests.Comparer().ComparePaired(run).Metrics.Single();

        Assert.Equal(Verdict.Error, metric.Verdict);
        Assert.Contains("parse error", metric.Message, StringComparison.Ordinal);
    }
}
