using PerfFleet.LoadEngine.Histograms;

namespace PerfFleet.LoadEngine.Tests.Histograms;

public sealed class HistogramEncodingTests
{
    [Fact]
    public void Decode_EncodedHistogram_GivesSameCountsAndStatistics()
    {
        var histogram = new LatencyHistogram();
        var random = new Random(7);
        for (var i = 0; i < 20_000; i++)
        {
            histogram.Record(random.NextInt64(1, 5_000_000));
        }

        var encoded = HistogramEncoding.Encode(histogram);
        var decoded = HistogramEncoding.Decode(encoded);

        Assert.Equal(histogram.TotalCount, decoded.TotalCount);
        Assert.Equal(histogram.Max, decoded.Max);
        Assert.Equal(histogram.Min, decoded.Min);
        Assert.Equal(histogram.Mean, decoded.Mean);
        Assert.Equal(histogram.Percentiles(), decoded.Percentiles());
        Assert.Equal(encoded, HistogramEncoding.Encode(decoded));
    }

    [Fact]
    public void Encode_TypicalRun_IsCompact()
    {
        var histogram = new LatencyHistogram();
        for (var i = 0; i < 1_000_000; i++)
        {
            histogram.Record(200 + (i % 800)); // 0.2 – 1 ms
        }

        Assert.InRange(HistogramEncoding.Encode(histogram).Length, 1, 4_000);
    }

    [Fact]
    public void Decode_EmptyBytes_GivesEmptyHistogram()
    {
        Assert.Equal(0, HistogramEncoding.Decode([]).TotalCount);
    }

    [Theory]
    [InlineData(new byte[] { 9 })] // unknown version
    [InlineData(new byte[] { 1, 5, 5 })] // truncated
    [InlineData(new byte[] { 1, 0, 0, 0, 1, 0xff, 0xff, 0xff, 0x7f, 1 })] // bucket index out of range
    [InlineData(new byte[] { 1, 0, 0, 0, 0, 42 })] // trailing bytes
    public void Decode_CorruptBytes_ThrowsFormatException(byte[] bytes)
    {
        Assert.Throws<FormatException>(() => HistogramEncoding.Decode(bytes));
    }
}
