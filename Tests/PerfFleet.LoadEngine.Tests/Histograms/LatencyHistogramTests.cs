using PerfFleet.LoadEngine.Histograms;

namespace PerfFleet.LoadEngine.Tests.Histograms;

public sealed class LatencyHistogramTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(999)]
    [InlineData(2_047)]
    [InlineData(2_048)]
    [InlineData(123_456)]
    [InlineData(1_000_000)]
    [InlineData(60_000_000)] // 60 s
    [InlineData(3_600_000_000)] // 1 h
    public void ValueAtPercentile_SingleValue_WithinThreeSignificantDigits(long micros)
    {
        var histogram = new LatencyHistogram();
        histogram.Record(micros);

        var p50 = histogram.ValueAtPercentile(50);

        Assert.InRange(p50, micros, micros + Math.Max(0, micros / 1000));
        Assert.Equal(micros, histogram.Max);
        Assert.Equal(micros, histogram.Min);
    }

    [Fact]
    public void Percentiles_UniformOneToTenThousand_MatchExactRanks()
    {
        var histogram = new LatencyHistogram();
        for (var v = 1; v <= 10_000; v++)
        {
            histogram.Record(v);
        }

        Assert.Equal(10_000, histogram.TotalCount);
        Assert.InRange(histogram.ValueAtPercentile(50), 5_000, 5_005);
        Assert.InRange(histogram.ValueAtPercentile(90), 9_000, 9_009);
        Assert.InRange(histogram.ValueAtPercentile(99), 9_900, 9_910);
        Assert.InRange(histogram.ValueAtPercentile(99.9), 9_990, 10_000);
        Assert.Equal(5_000.5, histogram.Mean, 3);
    }

    [Fact]
    public void Merge_TwoStreams_EqualsRecordingBothIntoOne()
    {
        var random = new Random(42);
        var a = new LatencyHistogram();
        var b = new LatencyHistogram();
        var both = new LatencyHistogram();
        for (var i = 0; i < 50_000; i++)
        {
            var value = (long)Math.Exp(random.NextDouble() * 18); // 1 µs .. ~65 s, log-spread
            (i % 3 == 0 ? a : b).Record(value);
            both.Record(value);
        }

        var merged = new LatencyHistogram();
        merged.Merge(a);
        merged.Merge(b);

        Assert.Equal(HistogramEncoding.Encode(both), HistogramEncoding.Encode(merged));
        Assert.Equal(both.ValueAtPercentile(99.9), merged.ValueAtPercentile(99.9));
        Assert.Equal(both.Mean, merged.Mean);
    }

    [Fact]
    public void Record_NegativeAndHugeValues_ClampedIntoRangeWithExactMax()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(-5);
        histogram.Record(long.MaxValue / 4);

        Assert.Equal(2, histogram.TotalCount);
        Assert.Equal(0, histogram.ValueAtPercentile(50));
        Assert.Equal(long.MaxValue / 4, histogram.Max);
    }

    [Fact]
    public void Record_ManyValues_MemoryBoundedByBucketsNotCount()
    {
        var histogram = new LatencyHistogram();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000_000; i++)
        {
            histogram.Record(100 + (i % 5_000));
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.InRange(allocated, 0, 64 * 1024);
    }
}
