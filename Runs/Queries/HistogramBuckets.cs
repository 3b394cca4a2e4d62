using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PerfFleet.Runs.Queries;

/// <summary>
/// Which histogram a <c>histogram_quantile</c> query reads, and its bucket bounds from
/// Prometheus' label-values API: the run page and the CLI warn when buckets are too coarse to see
/// a change of the query's threshold (<c>QueryResult.CoarseBucketWarning</c>).
/// </summary>
public static partial class HistogramBuckets
{
    /// <summary>
    /// The <c>*_bucket</c> series of the query's first histogram_quantile, or null when it has none
    /// (the quantile of a recording rule's output names no bucket series: its bounds stay unknown).
    /// </summary>
    public static string? MetricOf(string promql)
    {
        ArgumentNullException.ThrowIfNull(promql);
        if (!QuantileCall().IsMatch(promql))
        {
            return null;
        }

        var bucket = BucketSeries().Match(promql);
        return bucket.Success ? bucket.Value : null;
    }

    /// <summary>The finite bounds of a <c>/api/v1/label/le/values</c> answer, ascending; null when it is not a success.</summary>
    public static IReadOnlyList<double>? Parse(JsonDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("status", out var status) || status.GetString() != "success"
            || !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        return [.. data.EnumerateArray()
            .Select(v => double.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var bound) ? bound : double.NaN)
            .Where(double.IsFinite)
            .Order()];
    }

    [GeneratedRegex(@"\bhistogram_quantile\s*\(")]
    private static partial Regex QuantileCall();

    [GeneratedRegex(@"[A-Za-z_:][A-Za-z0-9_:]*_bucket\b")]
    private static partial Regex BucketSeries();
}
