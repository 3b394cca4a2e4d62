using System.Globalization;

namespace PerfFleet.Contracts.V1;

/// <summary>Whether a histogram_quantile query's buckets can show a change of its threshold's size (issue 13, "honest quantiles").</summary>
public sealed partial class QueryResult
{
    /// <summary>
    /// Buckets wider than this many thresholds around the measured value flatten a change of the
    /// threshold's size: histogram_quantile interpolates inside the bucket as if its observations
    /// were spread evenly, so a p99 that moves inside one bucket moves the answer by a fraction of
    /// its real change (the bench saw a real +10 % show as about +5 % with 1-2.5-5 buckets).
    /// </summary>
    public const double CoarseBucketThresholds = 2;

    /// <summary>
    /// A sentence when the buckets around the measured value (the median of the samples) are more
    /// than <see cref="CoarseBucketThresholds"/> thresholds apart, or the value lies past the
    /// highest finite bound (histogram_quantile then answers that bound, whatever the latency);
    /// null when the buckets are fine, or unknown (<see cref="BucketBounds"/> empty: not a
    /// histogram_quantile query, or a worker that did not read them), or there is nothing measured.
    /// </summary>
    public string? CoarseBucketWarning()
    {
        var values = Series.SelectMany(s => s.Samples).Select(s => s.Value).Where(double.IsFinite).Order().ToList();
        var bounds = BucketBounds.Where(double.IsFinite).Order().ToList();
        if (bounds.Count == 0 || values.Count == 0 || ThresholdPercent <= 0 || Error.Length > 0)
        {
            return null;
        }

        var measured = values[values.Count / 2];
        var upper = bounds.FindIndex(b => b >= measured);
        if (upper < 0)
        {
            return Text($"{Name}: the measured {measured:0.####} lies past the highest bucket bound {bounds[^1]:0.####}: histogram_quantile answers that bound whatever the latency, so no change shows; add buckets above it");
        }

        var low = upper == 0 ? 0 : bounds[upper - 1];
        var high = bounds[upper];
        var widthPercent = low > 0 ? (high - low) / low * 100 : double.PositiveInfinity;
        if (widthPercent <= CoarseBucketThresholds * ThresholdPercent)
        {
            return null;
        }

        var apart = double.IsFinite(widthPercent) ? Text($"{widthPercent:0} % apart") : "the first bucket";
        return Text($"{Name}: the buckets around the measured {measured:0.####} are {low:0.####} .. {high:0.####} ({apart}, more than {CoarseBucketThresholds:0} × the {ThresholdPercent:0.##} % threshold): histogram_quantile interpolates inside a bucket, so a change of the threshold's size shows smaller or not at all; finer buckets around this value, or the engine's own engine.p99_ms, would see it");
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
