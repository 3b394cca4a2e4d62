using PerfFleet.Comparison;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Coordinator.Tests.Comparison;

public sealed class CapacityComparisonTests
{
    [Fact]
    public void ComparePaired_KneeLowerInEveryPair_IsARegressionOfCapacityAlone()
    {
        var repetitions = new List<Repetition>();
        for (var pair = 1; pair <= 5; pair++)
        {
            repetitions.Add(new Repetition { Pair = pair, Role = RepetitionRole.Baseline, Commit = "base", Summary = Searched(1000 + (pair * 7)) });
            repetitions.Add(new Repetition { Pair = pair, Role = RepetitionRole.Test, Commit = "test", Summary = Searched(750 + (pair * 5)) });
        }

        var comparison = PairedComparisonTests.Comparer().ComparePaired(new RunMeasurements("paired-1", "test", [], null, Repetitions: repetitions));

        var capacity = Assert.Single(comparison.Metrics);
        Assert.Equal(EngineMetrics.CapacityRps, capacity.Metric);
        Assert.Equal(Better.Higher, capacity.Better);
        Assert.Equal(Verdict.Regression, capacity.Verdict);
        Assert.InRange(capacity.ChangePercent, -27, -23);
        Assert.Equal(Verdict.Regression, comparison.Verdict);
    }

    [Fact]
    public void CompareWithHistory_SameKnee_IsUnchangedAndTheMixedTotalsAreNotJudged()
    {
        var baselines = Enumerable.Range(0, 5).Select(i => new RunMeasurements($"base-{i}", "base", [], Searched(1000 + (i * 10)))).ToList();

        var comparison = PairedComparisonTests.Comparer().CompareWithHistory(new RunMeasurements("test-1", "test", [], Searched(1015)), baselines);

        Assert.Equal([EngineMetrics.CapacityRps], comparison.Metrics.Select(m => m.Metric));
        Assert.Equal(Verdict.Unchanged, comparison.Verdict);
    }

    [Fact]
    public void Compare_BaselineWithoutASearch_HasNoCapacityBaseline()
    {
        var plain = new LoadSummary { Total = new LoadStats { Requests = 1000, AchievedRate = 100, LatencyIntended = new Histogram { Percentiles = new LatencyPercentiles { P99Ms = 5 } } } };

        var comparison = PairedComparisonTests.Comparer().Compare(new RunMeasurements("test-1", "test", [], Searched(900)), new RunMeasurements("base-1", "base", [], plain));

        var capacity = Assert.Single(comparison.Metrics);
        Assert.Equal(Verdict.NoBaseline, capacity.Verdict);
    }

    /// <summary>A search run: its totals mix its probes' rates (a p99 of 80 ms here), its knee is what counts.</summary>
    internal static LoadSummary Searched(double knee) => new()
    {
        Total = new LoadStats { Requests = 40_000, AchievedRate = 600, LatencyIntended = new Histogram { Percentiles = new LatencyPercentiles { P99Ms = 80 } } },
        Capacity = new CapacitySearch
        {
            KneeRps = knee,
            Outcome = "bracketed",
            Reason = $"{knee} requests/s met the SLO, {knee * 1.04} did not",
            SloP99Ms = 50,
            Probes =
            {
                new CapacityProbe { Rate = knee / 2, AchievedRate = knee / 2, P99Ms = 4, Passed = true, Reason = "meets the SLO" },
                new CapacityProbe { Rate = knee, AchievedRate = knee, P99Ms = 30, Passed = true, Reason = "meets the SLO" },
                new CapacityProbe { Rate = knee * 1.04, AchievedRate = knee, P99Ms = 400, ErrorRatePercent = 12, Passed = false, Reason = "p99 400 ms > 50 ms" },
            },
        },
    };
}
