using PerfFleet.Comparison.ChangePoints;

namespace PerfFleet.Coordinator.Tests.Comparison.ChangePoints;

/// <summary>The detector on histories whose answer is known.</summary>
public sealed class ChangePointDetectorTests
{
    [Fact]
    public void Find_CleanTenPercentStepAt25_FindsItAt25WithBeforeAndAfter()
    {
        var values = Enumerable.Range(0, 50).Select(i => i < 25 ? 100.0 : 110.0).ToList();

        var step = Assert.Single(ChangePointDetector.Find(values));

        Assert.Equal(25, step.FirstAfterIndex);
        Assert.Equal(100, step.MedianBefore, 9);
        Assert.Equal(110, step.MedianAfter, 9);
        Assert.Equal(100, step.MeanBefore, 9);
        Assert.Equal(110, step.MeanAfter, 9);
        Assert.Equal(10, step.ChangePercent, 9);
    }

    [Fact]
    public void Find_NoisyTenPercentStepDown_FindsItAtTheRightRun()
    {
        var values = Noisy(50, 0.02, seed: 3, i => i < 31 ? 100 : 100 / 1.1);

        var step = Assert.Single(ChangePointDetector.Find(values));

        Assert.Equal(31, step.FirstAfterIndex);
        Assert.InRange(step.ChangePercent, -12, -7);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Find_FlatNoisyHistory_FindsNone(int seed)
    {
        var values = Noisy(200, 0.03, seed, _ => 100);

        Assert.Empty(ChangePointDetector.Find(values));
    }

    [Fact]
    public void Find_TwoSteps_FindsBothWithTheirOwnSegments()
    {
        var values = Noisy(60, 0.01, seed: 7, i => i < 20 ? 100 : i < 40 ? 120 : 108);

        var steps = ChangePointDetector.Find(values);

        Assert.Equal([20, 40], steps.Select(s => s.FirstAfterIndex));
        Assert.InRange(steps[0].ChangePercent, 17, 23);
        Assert.InRange(steps[1].ChangePercent, -13, -7);
        Assert.InRange(steps[1].MedianBefore, 117, 123);
    }

    [Fact]
    public void Find_StepBelowTheMinimumChange_IsNotReported()
    {
        // Clearly real (no noise) but 3 %: under the 5 % minimum.
        var values = Enumerable.Range(0, 40).Select(i => i < 20 ? 100.0 : 103.0).ToList();

        Assert.Empty(ChangePointDetector.Find(values));
        Assert.Single(ChangePointDetector.Find(values, new ChangePointRules(MinChangePercent: 2)));
    }

    [Fact]
    public void Find_StepYoungerThanTheMinimumSegment_SitsAtTheNewestResolvablePosition()
    {
        // Three runs after the step: too few for a segment, so it shows early, at 30 - 5, until
        // more runs arrive (which is why an alert waits for the step to settle: NewSteps).
        var values = Enumerable.Range(0, 30).Select(i => i < 27 ? 100.0 : 120.0).ToList();

        Assert.Equal(25, Assert.Single(ChangePointDetector.Find(values)).FirstAfterIndex);
        values.AddRange(Enumerable.Repeat(120.0, 4));
        Assert.Equal(27, Assert.Single(ChangePointDetector.Find(values)).FirstAfterIndex);
    }

    [Fact]
    public void Find_ErrorRateFromZero_IsJudgedWithoutLogs()
    {
        var values = Enumerable.Range(0, 20).Select(i => i < 10 ? 0.0 : 2.0).ToList();

        var step = Assert.Single(ChangePointDetector.Find(values));

        Assert.Equal(10, step.FirstAfterIndex);
        Assert.Equal(double.PositiveInfinity, step.ChangePercent);
    }

    [Fact]
    public void Find_ErrorRateStepBelowTheAbsoluteFloor_IsNotReported()
    {
        // From 0 % to 0.05 % errors: infinitely many percent, but under a 0.1-point floor.
        var values = Enumerable.Range(0, 20).Select(i => i < 10 ? 0.0 : 0.05).ToList();

        Assert.Single(ChangePointDetector.Find(values));
        Assert.Empty(ChangePointDetector.Find(values, ChangePointRules.Default with { MinAbsoluteChange = 0.1 }));
        Assert.Equal(0.1, new ChangePointOptions().RulesFor(PerfFleet.Comparison.EngineMetrics.ErrorRate, new PerfFleet.Comparison.ComparisonOptions()).MinAbsoluteChange);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(9)]
    public void Find_HistoryTooShortForTwoSegments_FindsNone(int count)
    {
        Assert.Empty(ChangePointDetector.Find(Enumerable.Repeat(5.0, count).ToList()));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Find_NonFiniteValue_IsRefused(double bad)
    {
        var values = Enumerable.Repeat(1.0, 20).ToList();
        values[7] = bad;

        Assert.Throws<ArgumentException>(() => ChangePointDetector.Find(values));
    }

    [Theory]
    [InlineData(1, 5, 4, "MinSegment")]
    [InlineData(5, -1, 4, "MinChangePercent")]
    [InlineData(5, double.NaN, 4, "MinChangePercent")]
    [InlineData(5, 5, double.PositiveInfinity, "MinShiftSigmas")]
    [InlineData(5, 5, 4, "MinAbsoluteChange", -1)]
    public void Find_RulesThatMakeNoSense_AreRefusedNamingTheRule(int segment, double change, double sigmas, string name, double absolute = 0)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ChangePointDetector.Find([1, 2, 3], new ChangePointRules(segment, change, sigmas, absolute)));

        Assert.Equal(name, ex.ParamName);
    }

    /// <summary>A level per position times lognormal noise of <paramref name="sigma"/>, reproducible.</summary>
    internal static List<double> Noisy(int count, double sigma, int seed, Func<int, double> level)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            return level(i) * Math.Exp(sigma * gaussian);
        })];
    }
}
