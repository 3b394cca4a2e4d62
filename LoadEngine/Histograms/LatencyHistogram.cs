using System.Numerics;

namespace PerfFleet.LoadEngine.Histograms;

/// <summary>
/// A log-linear latency histogram in microseconds (HdrHistogram's layout, which is not on the
/// registry): 2048 linear sub-buckets in the first power-of-two range, then 1024 per doubling, so
/// every value is kept to 1 part in 1024 (3 significant digits) from 1 µs to about 2.4 hours.
/// Buckets are allocated on first use (8 KB each), so a histogram costs only the ranges it sees and
/// memory stays flat however long the run. Recording is thread-safe and lock-free (Interlocked),
/// so connections share one histogram per (target, endpoint) without a lock on the hot path.
/// </summary>
public sealed class LatencyHistogram
{
    internal const int SubBucketCount = 2048;
    internal const int SubBucketHalfCount = 1024;
    internal const int BucketCount = 23; // 2048 << 22 µs ≈ 2.4 h
    internal const long HighestTrackable = ((long)SubBucketCount << (BucketCount - 1)) - 1;

    private readonly long[]?[] _buckets = new long[]?[BucketCount];
    private long _count;
    private long _sum;
    private long _min = long.MaxValue;
    private long _max;

    public long TotalCount => Volatile.Read(ref _count);

    /// <summary>Largest recorded value, exact (µs).</summary>
    public long Max => Volatile.Read(ref _max);

    /// <summary>Smallest recorded value, exact (µs); 0 when empty.</summary>
    public long Min => TotalCount == 0 ? 0 : Volatile.Read(ref _min);

    /// <summary>Mean of the recorded values (µs), exact.</summary>
    public double Mean => TotalCount == 0 ? 0 : (double)Volatile.Read(ref _sum) / TotalCount;

    /// <summary>Records one value in microseconds; values below 0 count as 0, above the range as the top bucket (max stays exact).</summary>
    public void Record(long microseconds) => RecordCount(microseconds, 1);

    internal void RecordCount(long microseconds, long count)
    {
        var value = Math.Max(0, microseconds);
        var (bucket, sub) = Locate(Math.Min(value, HighestTrackable));
        Interlocked.Add(ref BucketArray(bucket)[SlotOf(bucket, sub)], count);
        Interlocked.Add(ref _count, count);
        Interlocked.Add(ref _sum, value * count);
        UpdateMin(value);
        UpdateMax(value);
    }

    /// <summary>Adds every count of <paramref name="other"/> to this histogram.</summary>
    public void Merge(LatencyHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (var bucket = 0; bucket < BucketCount; bucket++)
        {
            if (Volatile.Read(ref other._buckets[bucket]) is not { } source)
            {
                continue;
            }

            var target = BucketArray(bucket);
            for (var i = 0; i < source.Length; i++)
            {
                var c = Volatile.Read(ref source[i]);
                if (c != 0)
                {
                    Interlocked.Add(ref target[i], c);
                }
            }
        }

        Interlocked.Add(ref _count, other.TotalCount);
        Interlocked.Add(ref _sum, Volatile.Read(ref other._sum));
        if (other.TotalCount > 0)
        {
            UpdateMin(other.Min);
            UpdateMax(other.Max);
        }
    }

    /// <summary>The value (µs) at or below which <paramref name="percentile"/>% of the values fall, to the histogram's precision.</summary>
    public long ValueAtPercentile(double percentile)
    {
        var total = TotalCount;
        if (total == 0)
        {
            return 0;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(Math.Clamp(percentile, 0, 100) / 100.0 * total));
        long seen = 0;
        foreach (var (value, count) in NonZeroBuckets())
        {
            seen += count;
            if (seen >= rank)
            {
                return Math.Min(HighestEquivalent(value), Max);
            }
        }

        return Max;
    }

    /// <summary>The standard percentiles, in milliseconds.</summary>
    public LatencyPercentilesMs Percentiles() => new(
        ValueAtPercentile(50) / 1000.0,
        ValueAtPercentile(90) / 1000.0,
        ValueAtPercentile(99) / 1000.0,
        ValueAtPercentile(99.9) / 1000.0,
        Max / 1000.0,
        Mean / 1000.0);

    /// <summary>Each non-empty bucket as (lowest value it holds in µs, count), ascending.</summary>
    internal IEnumerable<(long LowestValue, long Count)> NonZeroBuckets()
    {
        for (var bucket = 0; bucket < BucketCount; bucket++)
        {
            if (Volatile.Read(ref _buckets[bucket]) is not { } counts)
            {
                continue;
            }

            for (var i = 0; i < counts.Length; i++)
            {
                var c = Volatile.Read(ref counts[i]);
                if (c != 0)
                {
                    var sub = bucket == 0 ? i : i + SubBucketHalfCount;
                    yield return ((long)sub << bucket, c);
                }
            }
        }
    }

    internal long Sum => Volatile.Read(ref _sum);

    /// <summary>Restores the exact min, max and sum after decoding (the buckets alone round them).</summary>
    internal void SetExactStatistics(long min, long max, long sum)
    {
        _min = min;
        _max = max;
        _sum = sum;
    }

    /// <summary>The largest value that lands in the same sub-bucket as <paramref name="value"/>.</summary>
    internal static long HighestEquivalent(long value)
    {
        var (bucket, sub) = Locate(value);
        return ((long)(sub + 1) << bucket) - 1;
    }

    internal static (int Bucket, int SubBucket) Locate(long value)
    {
        // The bucket is how many doublings above the first 2048 linear values; the sub-bucket is
        // the value's top 11 bits within that bucket.
        var bucket = Math.Max(0, 64 - BitOperations.LeadingZeroCount((ulong)(value | (SubBucketCount - 1))) - 11);
        return (bucket, (int)(value >> bucket));
    }

    private static int SlotOf(int bucket, int sub) => bucket == 0 ? sub : sub - SubBucketHalfCount;

    private long[] BucketArray(int bucket)
    {
        var counts = Volatile.Read(ref _buckets[bucket]);
        if (counts is not null)
        {
            return counts;
        }

        var fresh = new long[bucket == 0 ? SubBucketCount : SubBucketHalfCount];
        return Interlocked.CompareExchange(ref _buckets[bucket], fresh, null) ?? fresh;
    }

    private void UpdateMin(long value)
    {
        var current = Volatile.Read(ref _min);
        while (value < current)
        {
            var seen = Interlocked.CompareExchange(ref _min, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    private void UpdateMax(long value)
    {
        var current = Volatile.Read(ref _max);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref _max, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
