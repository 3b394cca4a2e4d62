namespace PerfFleet.Samples.SampleService.Metrics;

/// <summary>The counts of one label set; a lock keeps count, sum and buckets consistent with each other.</summary>
internal sealed class HistogramSeries(int bucketCount)
{
    private readonly long[] _bucketCounts = new long[bucketCount];
    private readonly Lock _gate = new();
    private long _count;
    private double _sum;

    public void Observe(double[] upperBounds, double value)
    {
        var index = Array.FindIndex(upperBounds, bound => value <= bound);
        lock (_gate)
        {
            if (index >= 0)
            {
                _bucketCounts[index]++;
            }

            _count++;
            _sum += value;
        }
    }

    public HistogramSnapshot Snapshot()
    {
        lock (_gate)
        {
            return new HistogramSnapshot((long[])_bucketCounts.Clone(), _count, _sum);
        }
    }
}

/// <summary>Per-bucket (not cumulative) counts, total count and sum at one moment.</summary>
internal sealed record HistogramSnapshot(long[] BucketCounts, long Count, double Sum);
