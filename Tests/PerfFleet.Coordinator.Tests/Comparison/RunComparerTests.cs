using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.Options;
using PerfFleet.Comparison;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Coordinator.Tests.Comparison;

public sealed class RunComparerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Compare_SameDistribution_IsUnchanged()
    {
        var random = new Random(1);
        var comparison = CompareLatency(
            SyntheticSamples.Normal(random, 60, 100, 5),
            SyntheticSamples.Normal(random, 60, 100, 5));

        Assert.Equal(Verdict.Unchanged, comparison.Metrics[0].Verdict);
        Assert.Equal(Verdict.Unchanged, comparison.Verdict);
    }

    [Fact]
    public void Compare_LargeSlowdown_IsRegressionWithNumbers()
    {
        var random = new Random(2);
        var comparison = CompareLatency(
            SyntheticSamples.Normal(random, 60, 100, 5),
            SyntheticSamples.Normal(random, 60, 130, 5));

        var metric = comparison.Metrics[0];
        Assert.Equal(Verdict.Regression, metric.Verdict);
        Assert.Equal(Verdict.Regression, comparison.Verdict);
        Assert.InRange(metric.ChangePercent, 25, 35);
        Assert.True(metric.PValue < 1e-6, $"p = {metric.PValue}");
        Assert.True(metric.CiLowPercent > 20 && metric.CiHighPercent < 40, $"{metric.CiLowPercent} .. {metric.CiHighPercent}");
        Assert.Equal("window", metric.Method);
        Assert.InRange(metric.EffectiveSamples, 30, 60);
        Assert.Equal(1, comparison.BaselineRuns);
        Assert.Contains("one run against baseline baseline-1", comparison.Method, StringComparison.Ordinal);
        Assert.Equal(60, metric.BaselineSamples);
        Assert.Equal(60, metric.TestSamples);
        Assert.Equal("baseline-1", comparison.BaselineTestId);
        Assert.Equal(Now, comparison.ComputedAt.ToDateTimeOffset());
    }

    [Fact]
    public void Compare_LargeSpeedup_IsImprovement()
    {
        var random = new Random(3);
        var comparison = CompareLatency(
            SyntheticSamples.Normal(random, 40, 100, 5),
            SyntheticSamples.Normal(random, 40, 70, 5));

        Assert.Equal(Verdict.Improvement, comparison.Metrics[0].Verdict);
    }

    [Fact]
    public void Compare_SmallNoisyChangePastThreshold_IsInconclusiveBecauseNotSignificant()
    {
        // The means differ by well over the 10 % threshold, but 6 samples with a standard
        // deviation of 40 cannot tell that from noise: not a regression, and not ruled out either.
        var comparison = CompareLatency([60, 150, 90, 130, 70, 110], [80, 170, 100, 140, 95, 125]);

        var metric = comparison.Metrics[0];
        Assert.True(metric.ChangePercent > 10, $"change {metric.ChangePercent}");
        Assert.True(metric.PValue > 0.01, $"p = {metric.PValue}");
        Assert.Equal(Verdict.Inconclusive, metric.Verdict);
        Assert.Contains("not significant", metric.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_SmallChangeWithATightInterval_IsUnchanged()
    {
        var random = new Random(4);
        var comparison = CompareLatency(
            SyntheticSamples.Normal(random, 200, 100, 0.5),
            SyntheticSamples.Normal(random, 200, 103, 0.5));

        var metric = comparison.Metrics[0];
        Assert.Equal(Verdict.Unchanged, metric.Verdict);
        Assert.Contains("lies inside +/- 10 %", metric.Message, StringComparison.Ordinal);
        Assert.Contains("assumed run-to-run spread 2 %", metric.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_NinePercentWithOneRunASide_IsARegressionOnlyWhereRunsDifferByLessThanTheDefaultAssumes()
    {
        // +9 % at a 3 % threshold, each window tight: all the doubt is in the runs' own levels.
        // The default assumes 3 % per run (runs of one commit differ by 1-3 %), which a 9 % gap
        // between two runs does not clear; a fleet that measured 2 % says so and gets its verdict.
        var random = new Random(9);
        var baseline = Run("baseline", SyntheticSamples.Normal(random, 200, 100, 0.5), 3);
        var test = Run("test", SyntheticSamples.Normal(random, 200, 109, 0.5), 3);

        var byDefault = new RunComparer(Options.Create(new ComparisonOptions()), new FakeTimeProvider(Now)).Compare(test, baseline).Metrics[0];
        var quietFleet = Comparer().Compare(test, baseline).Metrics[0];

        Assert.Equal(Verdict.Inconclusive, byDefault.Verdict);
        Assert.Contains("assumed run-to-run spread 3 %", byDefault.Message, StringComparison.Ordinal);
        Assert.Equal(Verdict.Regression, quietFleet.Verdict);
    }

    [Fact]
    public void Compare_AutocorrelatedQuietWindows_AreNotARegression()
    {
        // Two windows of the same AR(1) process (phi 0.9, like a rate over 10 s at a 1 s step):
        // their means differ by far more than independent points would allow.
        var random = new Random(11);
        var comparison = CompareLatency(Ar1(random, 76, 0.9), Ar1(random, 76, 0.9));

        var metric = comparison.Metrics[0];
        Assert.NotEqual(Verdict.Regression, metric.Verdict);
        Assert.NotEqual(Verdict.Improvement, metric.Verdict);
        Assert.True(metric.EffectiveSamples < 76 / 4.0, $"n_eff {metric.EffectiveSamples}");
        Assert.Contains("effective samples", metric.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_ThousandPairsFromSameDistribution_FalsePositiveRateAtMostAlpha()
    {
        var random = new Random(20261121);
        var comparer = Comparer();
        var zeroThreshold = 0.0; // judge the test alone: any significant change would count
        var falsePositives = 0;
        for (var pair = 0; pair < 1000; pair++)
        {
            var baseline = SyntheticSamples.Normal(random, 30, 100, 10);
            var test = SyntheticSamples.Normal(random, 30, 100, 10);
            var comparison = comparer.Compare(Run("test", test, zeroThreshold), Run("baseline", baseline, zeroThreshold));
            falsePositives += comparison.Metrics[0].Verdict is Verdict.Regression or Verdict.Improvement ? 1 : 0;
        }

        Assert.True(falsePositives <= 1000 * comparer.Alpha, $"{falsePositives} false positives in 1000 pairs");
    }

    [Fact]
    public void Compare_NoBaseline_EveryMetricIsNoBaseline()
    {
        var comparison = Comparer().Compare(Run("test", [1, 2, 3], 10, WithSummary(p99: 12, rate: 500, errors: 0)), baseline: null);

        Assert.Equal(Verdict.NoBaseline, comparison.Verdict);
        Assert.All(comparison.Metrics, m => Assert.Equal(Verdict.NoBaseline, m.Verdict));
        Assert.Equal(4, comparison.Metrics.Count); // the query and three engine metrics
        Assert.Empty(comparison.BaselineTestId);
    }

    [Fact]
    public void Compare_FailedQuery_IsErrorAndOverallError()
    {
        var test = Run("test", [], 10);
        test.Queries[0].Error = "parse error at char 3";

        var comparison = Comparer().Compare(test, Run("baseline", [1, 2, 3], 10));

        Assert.Equal(Verdict.Error, comparison.Metrics[0].Verdict);
        Assert.Contains("parse error at char 3", comparison.Metrics[0].Message, StringComparison.Ordinal);
        Assert.Equal(Verdict.Error, comparison.Verdict);
    }

    [Fact]
    public void Compare_QueryMissingInBaseline_IsNoBaselineForThatQuery()
    {
        var baseline = new RunMeasurements("baseline-1", "abc", [], Summary: null);

        var comparison = Comparer().Compare(Run("test", [1, 2, 3], 10), baseline);

        Assert.Equal(Verdict.NoBaseline, comparison.Metrics[0].Verdict);
        Assert.Contains("no query named latency", comparison.Metrics[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_EngineSummaryWithoutIntervals_JudgesOnTheAssumedRunSpreadAndSaysSo()
    {
        var baseline = Run("baseline", [1, 2, 3], 10, WithSummary(p99: 10, rate: 500, errors: 0));
        var test = Run("test", [1, 2, 3], 10, WithSummary(p99: 20, rate: 498, errors: 1));

        var metrics = Comparer().Compare(test, baseline).Metrics.ToDictionary(m => m.Metric);

        var p99 = metrics[EngineMetrics.P99Ms];
        Assert.Equal(Verdict.Regression, p99.Verdict);
        Assert.Contains("assumed run-to-run spread", p99.Message, StringComparison.Ordinal);

        // -0.4 % with one value a side: a 2 % run spread cannot rule out a 5 % change.
        Assert.Equal(Verdict.Inconclusive, metrics[EngineMetrics.AchievedRate].Verdict);

        // One error in 10,000 requests is an infinite relative change from zero, but under the floor.
        Assert.Equal(Verdict.Unchanged, metrics[EngineMetrics.ErrorRate].Verdict);
        Assert.Contains("floor", metrics[EngineMetrics.ErrorRate].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_EngineSummaryWithoutSpread_IsThresholdOnlyAndSaysSo()
    {
        var comparer = new RunComparer(Options.Create(new ComparisonOptions { WindowRunSpreadPercent = 0 }), new FakeTimeProvider(Now));
        var baseline = Run("baseline", [1, 2, 3], 10, WithSummary(p99: 10, rate: 500, errors: 0));
        var test = Run("test", [1, 2, 3], 10, WithSummary(p99: 20, rate: 498, errors: 0));

        var metrics = comparer.Compare(test, baseline).Metrics.ToDictionary(m => m.Metric);

        Assert.Equal(Verdict.Regression, metrics[EngineMetrics.P99Ms].Verdict);
        Assert.Equal("threshold", metrics[EngineMetrics.P99Ms].Method);
        Assert.True(double.IsNaN(metrics[EngineMetrics.P99Ms].PValue));
        Assert.Contains("threshold only", metrics[EngineMetrics.P99Ms].Message, StringComparison.Ordinal);
        Assert.Equal(Verdict.Unchanged, metrics[EngineMetrics.AchievedRate].Verdict);
    }

    [Fact]
    public void Compare_EnginePerIntervalSamples_UsesTheWindowRule()
    {
        var random = new Random(5);
        var baseline = Run("baseline", [1, 2, 3], 10) with
        {
            EngineSamples = new Dictionary<string, IReadOnlyList<double>> { [EngineMetrics.P99Ms] = SyntheticSamples.Normal(random, 30, 10, 1) },
        };
        var test = Run("test", [1, 2, 3], 10) with
        {
            EngineSamples = new Dictionary<string, IReadOnlyList<double>> { [EngineMetrics.P99Ms] = SyntheticSamples.Normal(random, 30, 15, 1) },
        };

        var p99 = Comparer().Compare(test, baseline).Metrics.Single(m => m.Metric == EngineMetrics.P99Ms);

        Assert.Equal(Verdict.Regression, p99.Verdict);
        Assert.True(p99.PValue < 0.01);
        Assert.Equal("window", p99.Method);
        Assert.Equal(30, p99.TestSamples);
    }

    private static double[] Ar1(Random random, int count, double phi)
    {
        var noise = SyntheticSamples.Normal(random, count + 50, 0, 1);
        var values = new double[count];
        var state = 0.0;
        for (var i = 0; i < noise.Length; i++)
        {
            state = (phi * state) + (Math.Sqrt(1 - (phi * phi)) * noise[i]);
            if (i >= 50)
            {
                values[i - 50] = 100 + (5 * state); // 5 % noise around 100, past its start-up
            }
        }

        return values;
    }

    private static PerfFleet.Contracts.V1.Comparison CompareLatency(double[] baseline, double[] test) =>
        Comparer().Compare(Run("test", test, 10), Run("baseline", baseline, 10));

    private static RunComparer Comparer() =>
        new(Options.Create(ResourceComparerTests.QuietFleet()), new FakeTimeProvider(Now));

    private static LoadSummary WithSummary(double p99, double rate, long errors) => new()
    {
        Total = new LoadStats
        {
            Requests = 10_000,
            Errors = errors,
            AchievedRate = rate,
            LatencyIntended = new Histogram { Percentiles = new LatencyPercentiles { P99Ms = p99 } },
        },
    };

    private static RunMeasurements Run(string kind, IReadOnlyList<double> samples, double thresholdPercent, LoadSummary? summary = null)
    {
        // Split over two series: a query's samples are all samples of all its series.
        var query = new QueryResult { Name = "latency", Better = Better.Lower, ThresholdPercent = thresholdPercent };
        for (var s = 0; s < 2; s++)
        {
            var series = new Series { Labels = { ["instance"] = "sut-" + s } };
            series.Samples.Add(samples.Where((_, i) => i % 2 == s).Select(v => new Sample { Value = v }));
            query.Series.Add(series);
        }

        return new RunMeasurements(kind + "-1", kind + "-commit", [query], summary);
    }
}
