namespace PerfFleet.LoadEngine.Histograms;

/// <summary>
/// The compact form of a <see cref="LatencyHistogram"/> carried in <c>Histogram.encoded</c> of the
/// results message: a version byte, then varints: min, max, sum, the number of non-empty buckets,
/// and for each (gap from the previous bucket index, count). A run's latencies usually sit in a few
/// hundred buckets, so a histogram is a few hundred bytes to a few KB, and decoding gives back
/// exactly the same counts, so histograms from many workers merge without loss.
/// </summary>
public static class HistogramEncoding
{
    private const byte Version = 1;

    public static byte[] Encode(LatencyHistogram histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        var entries = histogram.NonZeroBuckets().ToList();
        using var stream = new MemoryStream(16 + (entries.Count * 4));
        stream.WriteByte(Version);
        WriteVarint(stream, (ulong)histogram.Min);
        WriteVarint(stream, (ulong)histogram.Max);
        WriteVarint(stream, (ulong)histogram.Sum);
        WriteVarint(stream, (ulong)entries.Count);
        long previous = -1;
        foreach (var (value, count) in entries)
        {
            var index = FlatIndex(value);
            WriteVarint(stream, (ulong)(index - previous - 1));
            WriteVarint(stream, (ulong)count);
            previous = index;
        }

        return stream.ToArray();
    }

    /// <summary>Decodes <see cref="Encode"/>'s output; throws <see cref="FormatException"/> on anything else.</summary>
    public static LatencyHistogram Decode(ReadOnlySpan<byte> encoded)
    {
        if (encoded.IsEmpty)
        {
            return new LatencyHistogram();
        }

        if (encoded[0] != Version)
        {
            throw new FormatException($"histogram encoding version {encoded[0]} is not supported (expected {Version})");
        }

        var position = 1;
        var min = (long)ReadVarint(encoded, ref position);
        var max = (long)ReadVarint(encoded, ref position);
        var sum = (long)ReadVarint(encoded, ref position);
        var entries = ReadVarint(encoded, ref position);
        var histogram = new LatencyHistogram();
        long index = -1;
        for (ulong i = 0; i < entries; i++)
        {
            index += (long)ReadVarint(encoded, ref position) + 1;
            var count = (long)ReadVarint(encoded, ref position);
            if (index >= FlatLength || count <= 0)
            {
                throw new FormatException("histogram encoding has a bucket out of range");
            }

            histogram.RecordCount(ValueOf(index), count);
        }

        if (position != encoded.Length)
        {
            throw new FormatException("histogram encoding has trailing bytes");
        }

        histogram.SetExactStatistics(min, max, sum);
        return histogram;
    }

    private static long FlatLength => LatencyHistogram.SubBucketCount + ((long)(LatencyHistogram.BucketCount - 1) * LatencyHistogram.SubBucketHalfCount);

    private static long FlatIndex(long value)
    {
        var (bucket, sub) = LatencyHistogram.Locate(value);
        return bucket == 0 ? sub : LatencyHistogram.SubBucketCount + ((long)(bucket - 1) * LatencyHistogram.SubBucketHalfCount) + (sub - LatencyHistogram.SubBucketHalfCount);
    }

    private static long ValueOf(long flatIndex)
    {
        if (flatIndex < LatencyHistogram.SubBucketCount)
        {
            return flatIndex;
        }

        var rest = flatIndex - LatencyHistogram.SubBucketCount;
        var bucket = (int)(rest / LatencyHistogram.SubBucketHalfCount) + 1;
        var sub = (rest % LatencyHistogram.SubBucketHalfCount) + LatencyHistogram.SubBucketHalfCount;
        return sub << bucket;
    }

    private static void WriteVarint(Stream stream, ulong value)
    {
        while (value >= 0x80)
        {
            stream.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        stream.WriteByte((byte)value);
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> data, ref int position)
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (position >= data.Length)
            {
                throw new FormatException("histogram encoding is truncated");
            }

            var b = data[position++];
            result |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                return result;
            }
        }

        throw new FormatException("histogram encoding has an over-long varint");
    }
}
