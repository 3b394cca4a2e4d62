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
    /// The <c>*_bucket</c> series of the query's histogram_quantile and the constant factor the
    /// query scales its answer by (<c>1000 * histogram_quantile(...)</c> reports milliseconds of a
    /// histogram in seconds), or null when the query has no such call, names no bucket series (a
    /// recording rule's output), or does more around the call than multiply or divide by a
    /// number: the bounds would then be in other units than the measured value, and a warning
    /// that compares the two would be wrong.
    /// </summary>
    public static ScaledHistogram? MetricOf(string promql)
    {
        ArgumentNullException.ThrowIfNull(promql);
        var call = QuantileCall().Match(promql);
        if (!call.Success)
        {
            return null;
        }

        var close = MatchingParenthesis(promql, call.Index + call.Length - 1);
        if (close < 0)
        {
            return null;
        }

        var bucket = BucketSeries().Match(promql[call.Index..close]);
        var prefix = ScalePrefix().Match(promql[..call.Index]);
        var suffix = ScaleSuffix().Match(promql[(close + 1)..]);
        if (!bucket.Success || !prefix.Success || !suffix.Success)
        {
            return null;
        }

        var after = Number(suffix.Groups["factor"]);
        var scale = Number(prefix.Groups["factor"]) * (suffix.Groups["op"].Value == "/" ? 1 / after : after);
        return double.IsFinite(scale) && scale > 0 ? new ScaledHistogram(bucket.Value, scale) : null;
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

    private static double Number(Group factor) =>
        factor.Success ? double.Parse(factor.Value, NumberStyles.Float, CultureInfo.InvariantCulture) : 1;

    /// <summary>The index of the parenthesis that closes the one at <paramref name="open"/>, or -1.</summary>
    private static int MatchingParenthesis(string text, int open)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            depth += text[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (depth == 0)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>A PromQL number literal as scenario files write scale factors: <c>1000</c>, <c>0.001</c>, <c>1e3</c>.</summary>
    private const string Factor = @"(?<factor>[0-9]+(?:\.[0-9]+)?(?:e[+-]?[0-9]+)?)";

    [GeneratedRegex(@"^\s*(?:" + Factor + @"\s*\*\s*)?$", RegexOptions.IgnoreCase)]
    private static partial Regex ScalePrefix();

    [GeneratedRegex(@"^\s*(?:(?<op>[*/])\s*" + Factor + @"\s*)?$", RegexOptions.IgnoreCase)]
    private static partial Regex ScaleSuffix();

    [GeneratedRegex(@"\bhistogram_quantile\s*\(")]
    private static partial Regex QuantileCall();

    [GeneratedRegex(@"[A-Za-z_:][A-Za-z0-9_:]*_bucket\b")]
    private static partial Regex BucketSeries();
}
