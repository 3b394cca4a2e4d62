using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Comparison;

namespace PerfFleet.Coordinator.Tests.Comparison;

public sealed class VerdictRuleTests
{
    private static readonly MetricSpec Latency = new("p99", MetricSpec.QuerySource, Better.Lower, 10);
    private static readonly MetricSpec Throughput = new("rps", MetricSpec.QuerySource, Better.Higher, 5);

    [Theory]
    [InlineData(20, 0.001, Verdict.Regression)]   // slower and significant
    [InlineData(-20, 0.001, Verdict.Improvement)] // faster and significant
    [InlineData(20, 0.02, Verdict.Unchanged)]     // past threshold, not significant
    [InlineData(10, 0.0001, Verdict.Unchanged)]   // exactly at the threshold is not past it
    [InlineData(5, 0.0001, Verdict.Unchanged)]    // significant, within threshold
    public void Decide_LowerIsBetter_NeedsThresholdAndSignificance(double change, double p, Verdict expected)
    {
        Assert.Equal(expected, VerdictRule.Decide(Inputs(Latency, change, p)).Verdict);
    }

    [Theory]
    [InlineData(-6, Verdict.Regression)]
    [InlineData(6, Verdict.Improvement)]
    public void Decide_HigherIsBetter_DirectionFlips(double change, Verdict expected)
    {
        Assert.Equal(expected, VerdictRule.Decide(Inputs(Throughput, change, 0.001)).Verdict);
    }

    [Fact]
    public void Decide_NoRankTest_ThresholdAloneDecidesAndReasonSaysSo()
    {
        var (verdict, reason) = VerdictRule.Decide(Inputs(Latency, 15, double.NaN));

        Assert.Equal(Verdict.Regression, verdict);
        Assert.Contains("threshold only", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_CustomAlpha_IsUsed()
    {
        Assert.Equal(Verdict.Regression, VerdictRule.Decide(Inputs(Latency, 20, 0.03) with { Alpha = 0.05 }).Verdict);
        Assert.Equal(Verdict.Unchanged, VerdictRule.Decide(Inputs(Latency, 20, 0.03)).Verdict);
    }

    [Fact]
    public void Decide_NoDirection_NeverJudges()
    {
        var spec = Latency with { Better = Better.Unspecified };

        Assert.Equal(Verdict.Unchanged, VerdictRule.Decide(Inputs(spec, 90, 1e-9)).Verdict);
    }

    [Theory]
    [InlineData(new[] { Verdict.Unchanged, Verdict.Regression, Verdict.Error }, Verdict.Regression)]
    [InlineData(new[] { Verdict.Improvement, Verdict.Error }, Verdict.Error)]
    [InlineData(new[] { Verdict.Unchanged, Verdict.Improvement, Verdict.NoBaseline }, Verdict.Improvement)]
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

    private static VerdictInputs Inputs(MetricSpec spec, double change, double p) =>
        new(spec, 100, 100 + change, change, p, 0.01);
}
