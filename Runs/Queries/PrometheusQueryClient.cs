using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using PerfFleet.Contracts.Scenarios;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Runs.Queries;

/// <summary>The Prometheus HTTP API's <c>/api/v1/query_range</c>, parsed into QueryResult protos.</summary>
public sealed class PrometheusQueryClient(HttpClient http, ILogger<PrometheusQueryClient> logger) : IPrometheusQueryClient
{
    public async Task<IReadOnlyList<QueryResult>> QueryAllAsync(Uri prometheus, IReadOnlyList<ScenarioQuery> queries, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var results = new List<QueryResult>(queries.Count);
        foreach (var query in queries)
        {
            results.Add(await QueryRangeAsync(prometheus, query, start, end, cancellationToken));
        }

        return results;
    }

    public async Task<QueryResult> QueryRangeAsync(Uri prometheus, ScenarioQuery query, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var result = new QueryResult { Name = query.Name, Promql = query.PromQl, Better = query.Better, ThresholdPercent = query.ThresholdPercent, Floor = query.Floor };
        var step = QueryStep.For(end - start);
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["query"] = query.PromQl,
            ["start"] = Unix(start),
            ["end"] = Unix(end),
            ["step"] = step.TotalSeconds.ToString(CultureInfo.InvariantCulture) + "s",
        });
        var url = new Uri(prometheus, "api/v1/query_range");
        try
        {
            // POST so that long PromQL never meets URL length limits.
            using var response = await http.PostAsync(url, form, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            try
            {
                using var document = JsonDocument.Parse(body);
                result.Error = PrometheusResponseParser.Read(document, result) ?? string.Empty;
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                result.Error = $"Prometheus at {prometheus} answered HTTP {(int)response.StatusCode} with an unreadable body: {Truncate(body)}";
            }
        }
        catch (HttpRequestException ex)
        {
            result.Error = $"Prometheus at {prometheus} is not reachable: {ex.Message}";
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            result.Error = $"Prometheus at {prometheus} did not answer in time: {ex.Message}";
        }

        if (result.Error.Length > 0)
        {
            result.Series.Clear();
            QueriesLog.QueryFailed(logger, query.Name, result.Error);
        }
        else
        {
            QueriesLog.QueryDone(logger, query.Name, result.Series.Count);
            if (HistogramBuckets.MetricOf(query.PromQl) is { } histogram)
            {
                // In the query's units: a `1000 * histogram_quantile(...)` of seconds buckets measures milliseconds.
                var bounds = await BucketBoundsAsync(prometheus, query.Name, histogram.BucketSeries, start, end, cancellationToken);
                result.BucketBounds.AddRange(bounds.Select(bound => bound * histogram.Scale));
            }
        }

        return result;
    }

    /// <summary>
    /// The histogram's finite bucket bounds over the window; none when Prometheus cannot say. They
    /// only inform a warning, so a failure here is logged and never fails the query.
    /// </summary>
    private async Task<IReadOnlyList<double>> BucketBoundsAsync(Uri prometheus, string name, string histogram, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var url = new Uri(prometheus, $"api/v1/label/le/values?match[]={Uri.EscapeDataString(histogram)}&start={Unix(start)}&end={Unix(end)}");
        try
        {
            using var response = await http.GetAsync(url, cancellationToken);
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            if (HistogramBuckets.Parse(document) is { } bounds)
            {
                return bounds;
            }

            QueriesLog.BucketsUnknown(logger, name, histogram, $"HTTP {(int)response.StatusCode}");
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or InvalidOperationException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            QueriesLog.BucketsUnknown(logger, name, histogram, ex.Message);
        }

        return [];
    }

    private static string Unix(DateTimeOffset time) =>
        (time.ToUnixTimeMilliseconds() / 1000.0).ToString("0.###", CultureInfo.InvariantCulture);

    private static string Truncate(string text) => text.Length <= 200 ? text : text[..200] + "...";
}
