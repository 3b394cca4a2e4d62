using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.Options;
using PerfFleet.Comparison;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Coordinator.Tests.Comparison;

public sealed class PairedComparisonTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ComparePaired_ClearSlowdownOverFivePairs_IsRegressionWithItsInterval()
    {
        var run = PairedRuns.Run(("latency", 10, [(100, 120), (102, 123), (98, 117), (101, 121), (99, 119)]));

        var comparison = Comparer().ComparePaired(run);

        var metric = Assert.Single(comparison.Metrics);
        Assert.Equal(Verdict.Regression, metric.Verdict);
        Assert.Equal(Verdict.Regression, comparison.Verdict);
        Assert.InRange(metric.ChangePercent, 19, 21);
        Assert.True(metric.CiLowPercent > 15 && metric.CiHighPercent < 25, $"{metric.CiLowPercent} .. {metric.CiHighPercent}");
        Assert.Equal(0.99, metric.Confidence, 9); // one tested metric: its interval at 1 - alpha
        Assert.Equal(5, metric.Pairs);
        Assert.Equal("paired", metric.Method);
        Assert.Contains("5 pairs", metric.Message, StringComparison.Ordinal);
        Assert.Contains("interval", metric.Message, StringComparison.Ordinal);
        Assert.Equal(5, comparison.Pairs);
        Assert.Contains("5 interleaved pairs", comparison.Method, StringComparison.Ordinal);
        Assert.Equal("base-commit", comparison.BaselineCommit);
        Assert.Equal(Now, comparison.ComputedAt.ToDateTimeOffset());
    }

    [Fact]
    public void ComparePaired_IdenticalBuildsWithSmallNoise_IsUnchanged()
    {
        var run = PairedRuns.Run(("latency", 10, PairedRuns.Pairs(seed: 1, count: 8, level: 100, factor: 1, noise: 0.01)));

        var metric = Assert.Single(Comparer().ComparePaired(run).Metrics);

        Assert.Equal(Verdict.Unchanged, metric.Verdict);
        Assert.Contains("lies inside +/- 10 %", metric.Message, StringComparison.Ordinal);
        Assert.True(metric.CiLowPercent > -10 && metric.CiHighPercent < 10);
    }

    [Fact]
    public void ComparePaired_ErrorRatioNearZero_FloorMakesItUnchangedAndNoFloorLeavesItOpen()
    {
        // An error ratio of 0.2 % that moves by 30 % from window to window: no 8 pairs rule out a
        // 10 % change of it, but every change is far under 0.1 percentage points.
        var pairs = PairedRuns.Pairs(seed: 3, count: 8, level: 0.002, factor: 1, noise: 0.3);
        var run = PairedRuns.Run(("error_ratio", 10, pairs));

        var open = Assert.Single(Comparer().ComparePaired(run).Metrics);
        foreach (var query in run.Repetitions!.SelectMany(r => r.Queries))
        {
            query.Floor = 0.001;
        }

        var floored = Assert.Single(Comparer().ComparePaired(run).Metrics);

        Assert.Equal(Verdict.Inconclusive, open.Verdict);
        Assert.Equal(Verdict.Unchanged, floored.Verdict);
        Assert.Contains("inside the absolute floor +/- 0.001", floored.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ComparePaired_SmallThreshold_UnchangedWhenTheIntervalLiesInsideTheDefaultBand()
    {
        var run = PairedRuns.Run(("latency", 3, PairedRuns.Pairs(seed: 1, count: 8, level: 100, factor: 1, noise: 0.025)));

        var metric = Assert.Single(Comparer().ComparePaired(run).Metrics);
        var alone = Assert.Single(Comparer(new ComparisonOptions { UnchangedWithinPercent = 0 }).ComparePaired(run).Metrics);

        Assert.True(metric.CiLowPercent < -3 || metric.CiHighPercent > 3, $"{metric.CiLowPercent} .. {metric.CiHighPercent}");
        Assert.Equal(Verdict.Unchanged, metric.Verdict);
        Assert.Contains("lies inside +/- 5 %", metric.Message, StringComparison.Ordinal);
        Assert.Equal(Verdict.Inconclusive, alone.Verdict);
    }

    [Fact]
    public void ComparePaired_WideNoisyPairs_IsInconclusive()
    {
        var run = PairedRuns.Run(("latency", 10, PairedRuns.Pairs(seed: 2, count: 4, level: 100, factor: 1.05, noise: 0.15)));

        var metric = Assert.Single(Comparer().ComparePaired(run).Metrics);

        Assert.Equal(Verdict.Inconclusive, metric.Verdict);
        Assert.True(metric.CiHighPercent - metric.CiLowPercent > 20, $"{metric.CiLowPercent} .. {metric.CiHighPercent}");
        Assert.Contains("more pairs", metric.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ComparePaired_InconclusiveOutranksImprovement()
    {
        var run = PairedRuns.Run(
            ("fast", 10, [(100, 60), (101, 61), (99, 59), (100, 60), (102, 61)]),
            ("noisy", 10, PairedRuns.Pairs(seed: 3, count: 5, level: 100, factor: 1.05, noise: 0.15)));

        var comparison = Comparer().ComparePaired(run);

        Assert.Equal(Verdict.Improvement, comparison.Metrics.Single(m => m.Metric == "fast").Verdict);
        Assert.Equal(Verdict.Inconclusive, comparison.Metrics.Single(m => m.Metric == "noisy").Verdict);
        Assert.Equal(Verdict.Inconclusive, comparison.Verdict);
    }

    [Fact]
    public void ComparePaired_BorderlineMetricAmongMany_IsNotARegressionAfterHolm()
    {
        // Alone, this metric's p is below alpha 0.01; among 10 tested metrics Holm judges it at 0.001.
        var borderline = ("borderline", 5.0, new (double, double)[] { (100, 109), (100, 104), (100, 111), (100, 105), (100, 110), (100, 103) });
        var alone = Comparer().ComparePaired(PairedRuns.Run(borderline)).Metrics.Single();
        Assert.True(alone.PValue < 0.01 && alone.PValue > 0.001, $"p = {alone.PValue}");
        Assert.Equal(Verdict.Regression, alone.Verdict);

        var quiet = Enumerable.Range(0, 9).Select(i => ("quiet" + i, 5.0, PairedRuns.Pairs(seed: 10 + i, count: 6, level: 100, factor: 1, noise: 0.005))).ToArray();
        var comparison = Comparer().ComparePaired(PairedRuns.Run([borderline, .. quiet]));

        var metric = comparison.Metrics.Single(m => m.Metric == "borderline");
        Assert.Equal(Verdict.Inconclusive, metric.Verdict);
        Assert.Equal(1 - (0.01 / 10), metric.Confidence, 9);
        Assert.Contains("Holm-adjusted", metric.Message, StringComparison.Ordinal);
        Assert.Contains("Holm over 10 metrics at alpha 0.01", comparison.Correction, StringComparison.Ordinal);
        Assert.NotEqual(Verdict.Regression, comparison.Verdict);
    }

    [Fact]
    public void ComparePaired_SignedRankInterval_NeedsEnoughPairsForItsLevel()
    {
        var options = new ComparisonOptions { PairedInterval = PairedIntervalMethod.SignedRank };
        var six = PairedRuns.Run(("latency", 10, [(100, 130), (100, 131), (100, 129), (100, 132), (100, 128), (100, 130)]));
        var eight = PairedRuns.Run(("latency", 10, [(100, 130), (100, 131), (100, 129), (100, 132), (100, 128), (100, 130), (100, 133), (100, 127)]));

        // With 6 pairs the smallest two-sided p is 2/64 > 0.01: no 99 % interval exists, so not a regression.
        Assert.Equal(Verdict.Inconclusive, Comparer(options).ComparePaired(six).Metrics.Single().Verdict);
        var metric = Comparer(options).ComparePaired(eight).Metrics.Single();
        Assert.Equal(Verdict.Regression, metric.Verdict);
        Assert.InRange(metric.ChangePercent, 29, 31);
        Assert.Contains("signed-rank", metric.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ComparePaired_ErrorRateFromZero_UsesDifferencesAndTheFloor()
    {
        var repetitions = new List<Repetition>();
        for (var pair = 1; pair <= 6; pair++)
        {
            repetitions.Add(WithErrors(pair, RepetitionRole.Baseline, errors: 0));
            repetitions.Add(WithErrors(pair, RepetitionRole.Test, errors: pair % 2)); // 0 or 1 error in 10,000
        }

        var comparison = Comparer().ComparePaired(new RunMeasurements("paired-1", "c", [], null, Repetitions: repetitions));

        var errors = comparison.Metrics.Single(m => m.Metric == EngineMetrics.ErrorRate);
        Assert.Equal(Verdict.Unchanged, errors.Verdict);
        Assert.Contains("differences, not ratios", errors.Message, StringComparison.Ordinal);
        Assert.Contains("floor", errors.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1_000, true)]
    [InlineData(50_000, false)]
    public void ComparePaired_NoisyEngineP99_SaysWhatSettlesItOnlyWhenTheRepetitionsAreShort(long requests, bool hinted)
    {
        // A p99 that moves by +/- 20 % from repetition to repetition of one build, as 1,000
        // requests a repetition gave on a real service.
        var random = new Random(5);
        var repetitions = new List<Repetition>();
        for (var pair = 1; pair <= 5; pair++)
        {
            repetitions.Add(WithErrors(pair, RepetitionRole.Baseline, errors: 0, requests, p99: 12 * (0.8 + (0.4 * random.NextDouble()))));
            repetitions.Add(WithErrors(pair, RepetitionRole.Test, errors: 0, requests, p99: 12 * (0.8 + (0.4 * random.NextDouble()))));
        }

        var comparison = Comparer().ComparePaired(new RunMeasurements("paired-1", "c", [], null, Repetitions: repetitions));

        var p99 = comparison.Metrics.Single(m => m.Metric == EngineMetrics.P99Ms);
        Assert.Equal(Verdict.Inconclusive, p99.Verdict);
        Assert.Equal(hinted, p99.Message.Contains("each repetition's p99 rests on about 1000 requests (10 past it)", StringComparison.Ordinal));
        Assert.Equal(hinted, p99.Message.Contains("a longer repeat.duration or a higher rate settles it", StringComparison.Ordinal));
        Assert.DoesNotContain("rests on", comparison.Metrics.Single(m => m.Metric == EngineMetrics.AchievedRate).Message, StringComparison.Ordinal);
    }

    private static Repetition WithErrors(int pair, RepetitionRole role, long errors, long requests = 10_000, double p99 = 12) => new()
    {
        Pair = pair,
        Role = role,
        Summary = new LoadSummary
        {
            Total = new LoadStats
            {
                Requests = requests,
                Errors = errors,
                AchievedRate = 500,
                LatencyIntended = new Histogram { Percentiles = new LatencyPercentiles { P99Ms = p99 } },
            },
        },
    };

    internal static RunComparer Comparer(ComparisonOptions? options = null) =>
        new(Options.Create(options ?? new ComparisonOptions()), new FakeTimeProvider(Now));
}
