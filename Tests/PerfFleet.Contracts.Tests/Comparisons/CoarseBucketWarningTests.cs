using PerfFleet.Contracts.V1;

namespace PerfFleet.Contracts.Tests.Comparisons;

/// <summary>QueryResult.CoarseBucketWarning: whether a histogram_quantile's buckets around the measured value can show a change of the threshold's size.</summary>
public sealed class CoarseBucketWarningTests
{
    // Prometheus' default latency buckets (seconds): 1-2.5-5 steps.
    private static readonly double[] DefaultBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    [Fact]
    public void CoarseBucketWarning_DefaultBucketsAtTenPercent_NamesTheBucketAndTheThreshold()
    {
        var warning = Query(0.3, 10, DefaultBuckets).CoarseBucketWarning();

        Assert.NotNull(warning);
        Assert.Contains("around the measured 0.3 are 0.25 .. 0.5 (100 % apart, more than 2 × the 10 % threshold)", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void CoarseBucketWarning_BucketsFinerThanTwiceTheThreshold_IsNull()
    {
        // 15 % apart: within 2 × 10 %.
        double[] fine = [.. Enumerable.Range(0, 30).Select(i => 0.1 * Math.Pow(1.15, i))];

        Assert.Null(Query(0.3, 10, fine).CoarseBucketWarning());
    }

    [Fact]
    public void CoarseBucketWarning_ThresholdWideEnoughForTheBuckets_IsNull()
    {
        Assert.Null(Query(0.3, 60, DefaultBuckets).CoarseBucketWarning());
    }

    [Fact]
    public void CoarseBucketWarning_PastTheHighestBound_SaysNoChangeShows()
    {
        var warning = Query(12, 10, DefaultBuckets).CoarseBucketWarning();

        Assert.Contains("lies past the highest bucket bound 10", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void CoarseBucketWarning_InTheFirstBucket_SaysSo()
    {
        Assert.Contains("(the first bucket,", Query(0.004, 10, DefaultBuckets).CoarseBucketWarning(), StringComparison.Ordinal);
    }

    [Fact]
    public void CoarseBucketWarning_BoundsUnknownOrNothingMeasured_IsNull()
    {
        Assert.Null(Query(0.3, 10, []).CoarseBucketWarning());
        var failed = Query(0.3, 10, DefaultBuckets);
        failed.Error = "bad_data: parse error";
        Assert.Null(failed.CoarseBucketWarning());
        var empty = Query(0.3, 10, DefaultBuckets);
        empty.Series.Clear();
        Assert.Null(empty.CoarseBucketWarning());
    }

    private static QueryResult Query(double level, double thresholdPercent, double[] bounds)
    {
        var series = new Series();
        for (var i = 0; i < 9; i++)
        {
            series.Samples.Add(new Sample { Value = level * (1 + ((i % 3) - 1) * 0.01) });
        }

        var query = new QueryResult { Name = "p99", Promql = "histogram_quantile(0.99, sum by (le) (rate(x_bucket[10s])))", ThresholdPercent = thresholdPercent, Series = { series } };
        query.BucketBounds.AddRange(bounds);
        return query;
    }
}
