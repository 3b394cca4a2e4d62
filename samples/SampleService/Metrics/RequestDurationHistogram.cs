using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace PerfFleet.Samples.SampleService.Metrics;

/// <summary>
/// <c>http_request_duration_seconds</c> in the Prometheus text format, written by hand because no
/// Prometheus client package restores here. One series per (method, route, status).
/// </summary>
public sealed class RequestDurationHistogram
{
    public const string Name = "http_request_duration_seconds";

    /// <summary>
    /// Upper bounds in seconds: eight per doubling (each 9 % above the one before) from 0.25 ms to
    /// about 16 s. <c>histogram_quantile</c> interpolates inside a bucket as if its observations
    /// were spread evenly, so a p99 that moves by less than its bucket's width barely moves the
    /// answer: with the usual 1-2.5-5 buckets a real +10 % showed as about +5 %, often less. Buckets
    /// finer than the smallest change to catch keep the query's p99 honest.
    /// </summary>
    public static readonly double[] Buckets = [.. Enumerable.Range(0, 8 * 16 + 1).Select(i => Math.Round(0.00025 * Math.Pow(2, i / 8.0), 9))];

    private readonly ConcurrentDictionary<(string Method, string Route, int Status), HistogramSeries> _series = new();

    public void Observe(string method, string route, int status, double seconds) =>
        _series.GetOrAdd((method, route, status), _ => new HistogramSeries(Buckets.Length)).Observe(Buckets, seconds);

    /// <summary>Total observations of a route (all methods and statuses), as the service itself counts them.</summary>
    public long Count(string route) => _series.Where(s => s.Key.Route == route).Sum(s => s.Value.Snapshot().Count);

    public void WriteTo(StringBuilder output)
    {
        output.Append("# HELP ").Append(Name).Append(" Duration of HTTP requests handled by the sample service.\n");
        output.Append("# TYPE ").Append(Name).Append(" histogram\n");
        foreach (var ((method, route, status), series) in _series.OrderBy(s => s.Key.Route, StringComparer.Ordinal).ThenBy(s => s.Key.Method, StringComparer.Ordinal).ThenBy(s => s.Key.Status))
        {
            var labels = $"method=\"{Escape(method)}\",route=\"{Escape(route)}\",status=\"{status}\"";
            var snapshot = series.Snapshot();
            long cumulative = 0;
            for (var i = 0; i < Buckets.Length; i++)
            {
                cumulative += snapshot.BucketCounts[i];
                output.Append(Name).Append("_bucket{").Append(labels).Append(",le=\"").Append(Format(Buckets[i])).Append("\"} ")
                    .Append(cumulative.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }

            output.Append(Name).Append("_bucket{").Append(labels).Append(",le=\"+Inf\"} ").Append(snapshot.Count.ToString(CultureInfo.InvariantCulture)).Append('\n');
            output.Append(Name).Append("_sum{").Append(labels).Append("} ").Append(Format(snapshot.Sum)).Append('\n');
            output.Append(Name).Append("_count{").Append(labels).Append("} ").Append(snapshot.Count.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    // The text format escapes backslash, double quote and line feed in label values.
    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
