using PerfFleet.Runs.Queries;

namespace PerfFleet.Worker.Tests.Queries;

public sealed class HistogramBucketsTests
{
    private const string Quantile = "histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[10s])))";

    [Theory]
    [InlineData(Quantile, 1)]
    [InlineData("1000 * " + Quantile, 1000)]
    [InlineData(Quantile + " * 1e3", 1000)]
    [InlineData("  1000*" + Quantile + " ", 1000)]
    [InlineData(Quantile + " / 1000", 0.001)]
    public void MetricOf_AQuantileScaledByAConstant_NamesTheBucketSeriesAndTheScale(string promql, double scale)
    {
        var histogram = HistogramBuckets.MetricOf(promql);

        Assert.NotNull(histogram);
        Assert.Equal("http_request_duration_seconds_bucket", histogram.BucketSeries);
        Assert.Equal(scale, histogram.Scale, 9);
    }

    [Theory]
    [InlineData("sum(rate(http_request_duration_seconds_count[10s]))")]
    [InlineData(Quantile + " - 0.002")]
    [InlineData("1000 * " + Quantile + " / sum(up)")]
    [InlineData("max(" + Quantile + ")")]
    [InlineData("histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[10s]))")]
    [InlineData("histogram_quantile(0.99, job:latency:rate10s)")]
    public void MetricOf_NoQuantileOrMoreThanAScaleAroundIt_IsUnknown(string promql)
    {
        Assert.Null(HistogramBuckets.MetricOf(promql));
    }
}
