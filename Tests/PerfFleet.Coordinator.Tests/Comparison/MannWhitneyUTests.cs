using PerfFleet.Coordinator.Comparison;

namespace PerfFleet.Coordinator.Tests.Comparison;

public sealed class MannWhitneyUTests
{
    [Fact]
    public void Test_CompletelySeparatedSamples_MatchesRExactPValue()
    {
        // R: wilcox.test(1:5, 6:10)  ->  W = 0, p-value = 0.007937 (= 2 / choose(10, 5))
        var result = MannWhitneyU.Test([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]);

        Assert.Equal(MannWhitneyMethod.Exact, result.Method);
        Assert.Equal(0, result.U);
        Assert.Equal(2.0 / 252, result.PValue, 12);
    }

    [Fact]
    public void Test_RHelpPageExample_MatchesRExactPValue()
    {
        // R's ?wilcox.test example (Hollander & Wolfe, permeability constants):
        //   wilcox.test(x, y, alternative = "g")  ->  W = 35, p-value = 0.1272
        //   wilcox.test(x, y)                     ->  W = 35, p-value = 0.2544
        double[] x = [0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
        double[] y = [1.15, 0.88, 0.90, 0.74, 1.21];

        var result = MannWhitneyU.Test(x, y);

        Assert.Equal(MannWhitneyMethod.Exact, result.Method);
        Assert.Equal(35, result.U);
        Assert.Equal(0.2544, result.PValue, 4);
    }

    [Fact]
    public void Test_SamplesWithTies_UsesNormalApproximationWithTieAndContinuityCorrection()
    {
        // R: wilcox.test(c(1,2,2,3,3,3,4), c(3,4,4,5,5,6))  ->  W = 3.5, p-value = 0.013
        // ("cannot compute exact p-value with ties"); unrounded, by R's formula: 0.0129998544.
        var result = MannWhitneyU.Test([1, 2, 2, 3, 3, 3, 4], [3, 4, 4, 5, 5, 6]);

        Assert.Equal(MannWhitneyMethod.NormalApproximation, result.Method);
        Assert.Equal(3.5, result.U);
        Assert.Equal(0.0129998544, result.PValue, 8);
    }

    [Theory]
    [InlineData(4, 6)]
    [InlineData(5, 5)]
    [InlineData(3, 8)]
    public void Test_SmallSamples_ExactPValueEqualsBruteForceEnumeration(int n1, int n2)
    {
        var random = new Random(17 + n1 + n2);
        var values = Enumerable.Range(0, n1 + n2).Select(_ => random.NextDouble()).ToArray();
        var first = values[..n1];
        var second = values[n1..];

        var result = MannWhitneyU.Test(first, second);

        Assert.Equal(MannWhitneyMethod.Exact, result.Method);
        Assert.Equal(BruteForceTwoSidedPValue(first, second), result.PValue, 12);
    }

    [Fact]
    public void Test_LargeSamples_UsesNormalApproximation()
    {
        var first = Enumerable.Range(0, 60).Select(i => (double)i).ToArray();
        var second = Enumerable.Range(30, 60).Select(i => i + 0.5).ToArray();

        var result = MannWhitneyU.Test(first, second);

        Assert.Equal(MannWhitneyMethod.NormalApproximation, result.Method);
        Assert.True(result.PValue < 1e-4, $"p = {result.PValue}");
    }

    [Fact]
    public void Test_AllValuesIdentical_IsNotApplicableWithPValueOne()
    {
        var result = MannWhitneyU.Test([5, 5, 5], [5, 5]);

        Assert.Equal(MannWhitneyMethod.NotApplicable, result.Method);
        Assert.Equal(1, result.PValue);
    }

    [Fact]
    public void Test_EmptySample_IsNotApplicable()
    {
        var result = MannWhitneyU.Test([], [1, 2]);

        Assert.Equal(MannWhitneyMethod.NotApplicable, result.Method);
        Assert.True(double.IsNaN(result.U));
    }

    // Every way of splitting the pooled values into groups of n1 and n2 is equally likely under
    // the null hypothesis: count how many give a U at least as extreme as the observed one.
    private static double BruteForceTwoSidedPValue(double[] first, double[] second)
    {
        var pooled = first.Concat(second).ToArray();
        var observed = U(first, second);
        long atMost = 0;
        long atLeast = 0;
        long total = 0;
        foreach (var mask in Enumerable.Range(0, 1 << pooled.Length).Where(m => int.PopCount(m) == first.Length))
        {
            var chosen = pooled.Where((_, i) => (mask & (1 << i)) != 0).ToArray();
            var rest = pooled.Where((_, i) => (mask & (1 << i)) == 0).ToArray();
            var u = U(chosen, rest);
            atMost += u <= observed ? 1 : 0;
            atLeast += u >= observed ? 1 : 0;
            total++;
        }

        return Math.Min(1, 2.0 * Math.Min(atMost, atLeast) / total);
    }

    private static double U(double[] first, double[] second) =>
        first.Sum(a => second.Count(b => a > b));
}
