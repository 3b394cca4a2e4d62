using PerfFleet.Comparison;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Coordinator.Tests.Comparison;

public sealed class VerdictRuleTests
{
    private static readonly MetricSpec Latency = new("p99", MetricSpec.QuerySource, Better.Lower, 10);
    private static readonly MetricSpec Throughput = new("rps", MetricSpec.QuerySource, Better.Higher, 5);

    [Theory]
    [InlineData(20, 15, 25, true, Verdict.Regression)]     // significant, estimate past the threshold
    [InlineData(-20, -25, -15, true, Verdict.Improvement)] // faster, the same
    [InlineData(20, -2, 42, false, Verdict.Inconclusive)]  // past the threshold but not significant
    [InlineData(10, 8, 12, true, Verdict.Inconclusive)]    // exactly at the threshold is not past it, and the interval reaches past it
    [InlineData(5, 2, 8, true, Verdict.Unchanged)]         // significant, but the whole interval lies inside +/- 10 %
    [InlineData(0, -12, 12, false, Verdict.Inconclusive)]  // no change seen, none ruled out
    public void Decide_LowerIsBetter_ThreeOutcomes(double change, double low, double high, bool significant, Verdict expected)
    {
        Assert.Equal(expected, VerdictRule.Decide(Inputs(Latency, change, low, high, significant)).Verdict);
    }

    [Theory]
    [InlineData(-6, Verdict.Regression)]
    [InlineData(6, Verdict.Improvement)]
    public void Decide_HigherIsBetter_DirectionFlips(double change, Verdict expected)
    {
        Assert.Equal(expected, VerdictRule.Decide(Inputs(Throughput, change, change - 0.5, change + 0.5, significant: true)).Verdict);
    }

    [Fact]
    public void Decide_ThresholdOnly_ThresholdAloneDecidesAndReasonSaysSo()
    {
        var inputs = Inputs(Latency, 15, double.NaN, double.NaN, significant: false) with { ThresholdOnly = true, Evidence = "one value per run" };

        var (verdict, reason) = VerdictRule.Decide(inputs);

        Assert.Equal(Verdict.Regression, verdict);
        Assert.Contains("past the threshold 10 %", reason, StringComparison.Ordinal);
        Assert.Equal(Verdict.Unchanged, VerdictRule.Decide(inputs with { Change = Change(5, double.NaN, double.NaN) }).Verdict);
    }

    [Fact]
    public void Decide_UnderTheAbsoluteFloor_IsUnchanged()
    {
        var spec = Latency with { AbsoluteFloor = 50 };

        var (verdict, reason) = VerdictRule.Decide(Inputs(spec, 40, 30, 45, significant: true));

        Assert.Equal(Verdict.Unchanged, verdict);
        Assert.Contains("floor", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, Verdict.Inconclusive)]  // the threshold alone: +/- 4 % reaches past 3 %
    [InlineData(5, Verdict.Unchanged)]     // the wider band: +/- 4 % lies inside 5 %
    [InlineData(2, Verdict.Inconclusive)]  // a band narrower than the threshold leaves the threshold
    public void Decide_UnchangedWithin_WidensTheBandOfASmallThresholdOnly(double unchangedWithin, Verdict expected)
    {
        var spec = Latency with { ThresholdPercent = 3 };
        var inputs = Inputs(spec, 0.5, -4, 4, significant: false) with { UnchangedWithinPercent = unchangedWithin };

        var (verdict, reason) = VerdictRule.Decide(inputs);

        Assert.Equal(expected, verdict);
        Assert.Contains(unchangedWithin > 3 ? "+/- 5 %" : "+/- 3 %", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_UnchangedWithin_NeverHidesARegressionPastTheThreshold()
    {
        var spec = Latency with { ThresholdPercent = 3 };
        var inputs = Inputs(spec, 4, 3.5, 4.5, significant: true) with { UnchangedWithinPercent = 5 };

        Assert.Equal(Verdict.Regression, VerdictRule.Decide(inputs).Verdict);
    }

    [Fact]
    public void Decide_HistoryRule_UnchangedByTheEstimate()
    {
        var inputs = Inputs(Latency, 4, -30, 38, significant: false) with { EquivalenceByEstimate = true };

        Assert.Equal(Verdict.Unchanged, VerdictRule.Decide(inputs).Verdict);
        Assert.Equal(Verdict.Inconclusive, VerdictRule.Decide(inputs with { Change = Change(25, -10, 60) }).Verdict);
    }

    [Fact]
    public void Decide_NoDirection_NeverJudges()
    {
        var spec = Latency with { Better = Better.Unspecified };

        Assert.Equal(Verdict.Unchanged, VerdictRule.Decide(Inputs(spec, 90, 80, 100, significant: true)).Verdict);
    }

    [Theory]
    [InlineData(new[] { Verdict.Unchanged, Verdict.Regression, Verdict.Error }, Verdict.Regression)]
    [InlineData(new[] { Verdict.Improvement, Verdict.Error }, Verdict.Error)]
    [InlineData(new[] { Verdict.Unchanged, Verdict.Improvement, Verdict.NoBaseline }, Verdict.Improvement)]
    [InlineData(new[] { Verdict.Improvement, Verdict.Inconclusive }, Verdict.Inconclusive)]
    [InlineData(new[] { Verdict.Inconclusive, Verdict.Error }, Verdict.Error)]
    [InlineData(new[] { Verdict.Unchanged, Verdict.NoBaseline }, Verdict.Unchanged)]
    [InlineData(new[] { Verdict.NoBaseline }, Verdict.NoBaseline)]
    [InlineData(new Verdict[0], Verdict.NoBaseline)]
    public void Overall_Verdicts_WorstWins(Verdict[] verdicts, Verdict expected)
    {
        Assert.Equal(expected, VerdictRule.Overall(verdicts));
    }

    [Theory]
    [InlineData(100, 110, 10)]
    [InlineData(-100, -110, -10)]
    [InlineData(0, 0, 0)]
    [InlineData(0, 1, double.PositiveInfinity)]
    public void ChangePercent_Values_RelativeToBaselineMagnitude(double baseline, double test, double expected)
    {
        Assert.Equal(expected, SampleStatistics.ChangePercent(baseline, test), 9);
    }

    [Fact]
    public void Median_EvenAndOddCounts()
    {
        Assert.Equal(2, SampleStatistics.Median([3, 1, 2]));
        Assert.Equal(2.5, SampleStatistics.Median([4, 1, 3, 2]));
        Assert.True(double.IsNaN(SampleStatistics.Median([])));
    }

    // The change in percent of a reference of 100, so percent and absolute values coincide.
    private static ChangeEstimate Change(double change, double low, double high) => new(100, change, low, high, 0.99);

    private static VerdictInputs Inputs(MetricSpec spec, double change, double low, double high, bool significant) =>
        new(spec, Change(change, low, high), Change(change, low, high) with { Confidence = 0.98 }, significant, false, false, "test evidence");
}
