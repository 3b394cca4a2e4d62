using PerfFleet.Comparison;

namespace PerfFleet.Coordinator.Tests.Comparison;

public sealed class StatisticsTests
{
    [Theory]
    [InlineData(0.0, 0.85, 1.15)]
    [InlineData(0.8, 0.08, 0.14)]
    [InlineData(0.9, 0.035, 0.08)]
    public void EffectiveSampleSize_OfAnAr1Series_IsNearTheoretical(double phi, double lowShare, double highShare)
    {
        // n (1 - phi) / (1 + phi): 1 for independent points, 1/9 for phi 0.8, 1/19 for phi 0.9.
        var random = new Random(7);
        var noise = SyntheticSamples.Normal(random, 5_000, 0, 1);
        var series = new double[noise.Length];
        for (var i = 1; i < series.Length; i++)
        {
            series[i] = (phi * series[i - 1]) + noise[i];
        }

        var share = EffectiveSampleSize.Of(series) / series.Length;

        Assert.InRange(share, lowShare, highShare);
        Assert.InRange(EffectiveSampleSize.Lag1Autocorrelation(series), phi - 0.05, phi + 0.05);
    }

    [Fact]
    public void EffectiveSampleSize_ShortOrFlatSeries_CountsEveryPoint()
    {
        Assert.Equal(2, EffectiveSampleSize.Of([1.0, 2.0]));
        Assert.Equal(5, EffectiveSampleSize.Of([3.0, 3, 3, 3, 3]));
        List<IReadOnlyList<double>> series = [[1.0, 2.0], [3.0, 3, 3, 3, 3]];
        Assert.Equal(7, EffectiveSampleSize.Of(series));
    }

    [Fact]
    public void Holm_StepsDownAndNeverDecreases()
    {
        var levels = HolmCorrection.Apply([0.04, 0.001, 0.03, 0.5], 0.05);

        Assert.Equal(0.004, levels[1].AdjustedP, 9);   // smallest p, judged at alpha/4
        Assert.Equal(0.09, levels[2].AdjustedP, 9);    // 3 * 0.03
        Assert.Equal(0.09, levels[0].AdjustedP, 9);    // 2 * 0.04 = 0.08, raised to the one before
        Assert.Equal(0.5, levels[3].AdjustedP, 9);
        Assert.Equal(1 - (0.05 / 4), levels[1].Confidence, 9);
        Assert.Equal(1 - 0.05, levels[3].Confidence, 9);
    }

    [Fact]
    public void SignedRankDistribution_IsExact()
    {
        var cumulative = SignedRankDistribution.Cumulative(3); // W+ of 3 pairs: 0,1,2,3,3,4,5,6 equally likely

        Assert.Equal([1 / 8.0, 2 / 8.0, 3 / 8.0, 5 / 8.0, 6 / 8.0, 7 / 8.0, 1], cumulative);
    }
}
