using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using PerfFleet.Contracts.Scenarios;
using PerfFleet.Contracts.V1;
using PerfFleet.Runs.Queries;
using PerfFleet.Testing.Net;
using PerfFleet.Worker.Tests.Support;

namespace PerfFleet.Worker.Tests.Queries;

public sealed class PrometheusQueryClientTests
{
    private const string ItemsCount = "sum(http_request_duration_seconds_count{route=\"/api/items\"})";

    [Fact]
    public async Task QueryAllAsync_RealPrometheusScrapingTheSample_ReturnsWhatTheServiceCounted()
    {
        await using var service = await SampleServiceProcess.StartAsync();
        await using var prometheus = await PrometheusProcess.StartAsync(service.Port);
        using var http = new HttpClient { BaseAddress = service.BaseAddress };
        var start = DateTimeOffset.UtcNow;
        for (var i = 0; i < 20; i++)
        {
            (await http.GetAsync(new Uri("api/items", UriKind.Relative))).EnsureSuccessStatusCode();
        }

        var ownCount = OwnCount(await http.GetStringAsync(new Uri("metrics", UriKind.Relative)));
        var client = new PrometheusQueryClient(new HttpClient(), NullLogger<PrometheusQueryClient>.Instance);
        var queries = new[]
        {
            new ScenarioQuery("items_total", ItemsCount, Better.Higher, 5),
            new ScenarioQuery("by_route", "sum by (route) (http_request_duration_seconds_count)", Better.Higher, 5),
            new ScenarioQuery("p99", "histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[5s])))", Better.Lower, 10),
            new ScenarioQuery("p99_ms", "1000 * histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[5s])))", Better.Lower, 10),
        };

        var results = await WaitForScrapeAsync(client, prometheus.BaseAddress, queries, start, ownCount);

        Assert.Equal(20, ownCount);
        var total = results[0];
        Assert.Equal(("items_total", ItemsCount, Better.Higher, 5.0, ""), (total.Name, total.Promql, total.Better, total.ThresholdPercent, total.Error));
        var series = Assert.Single(total.Series);
        Assert.Equal(ownCount, series.Samples[^1].Value);
        Assert.True(series.Samples.Count >= 2, "a range query returns one sample per step");
        Assert.True(series.Samples.Zip(series.Samples.Skip(1)).All(p => p.First.Time.ToDateTimeOffset() < p.Second.Time.ToDateTimeOffset()));
        Assert.Contains(results[1].Series, s => s.Labels["route"] == "/api/items");

        // The quantile's histogram: the bounds Prometheus scraped are the service's own buckets.
        Assert.Empty(results[0].BucketBounds);
        Assert.Equal(OwnBuckets(await http.GetStringAsync(new Uri("metrics", UriKind.Relative))), results[2].BucketBounds);

        // A query in milliseconds of a histogram in seconds gets its bounds in milliseconds too.
        Assert.Equal(results[2].BucketBounds.Select(b => b * 1000), results[3].BucketBounds);
    }

    [Fact]
    public async Task QueryAllAsync_SyntaxError_StoresPrometheusMessageAndRunsTheOthers()
    {
        await using var service = await SampleServiceProcess.StartAsync();
        await using var prometheus = await PrometheusProcess.StartAsync(service.Port);
        var client = new PrometheusQueryClient(new HttpClient(), NullLogger<PrometheusQueryClient>.Instance);
        var end = DateTimeOffset.UtcNow;

        var results = await client.QueryAllAsync(prometheus.BaseAddress,
            [new ScenarioQuery("broken", "sum(rate(x[5m]", Better.Lower, 10), new ScenarioQuery("fine", "vector(7)", Better.Lower, 10)],
            end.AddSeconds(-30), end, CancellationToken.None);

        Assert.StartsWith("bad_data:", results[0].Error, StringComparison.Ordinal);
        Assert.Contains("parse error", results[0].Error, StringComparison.Ordinal);
        Assert.Empty(results[0].Series);
        Assert.Equal(string.Empty, results[1].Error);
        Assert.All(Assert.Single(results[1].Series).Samples, s => Assert.Equal(7, s.Value));
    }

    [Fact]
    public async Task QueryAllAsync_PrometheusDown_EveryQuerySaysItIsNotReachable()
    {
        var client = new PrometheusQueryClient(new HttpClient(), NullLogger<PrometheusQueryClient>.Instance);
        var down = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var end = DateTimeOffset.UtcNow;

        var results = await client.QueryAllAsync(down, [new ScenarioQuery("a", "up", Better.Lower, 1), new ScenarioQuery("b", "up", Better.Lower, 1)],
            end.AddMinutes(-1), end, CancellationToken.None);

        Assert.All(results, r => Assert.Contains("is not reachable", r.Error, StringComparison.Ordinal));
        Assert.Equal(["a", "b"], results.Select(r => r.Name));
    }

    [Fact]
    public async Task QueryAllAsync_NotPrometheus_SaysTheBodyIsUnreadable()
    {
        await using var service = await SampleServiceProcess.StartAsync();
        var client = new PrometheusQueryClient(new HttpClient(), NullLogger<PrometheusQueryClient>.Instance);
        var end = DateTimeOffset.UtcNow;

        var results = await client.QueryAllAsync(service.BaseAddress, [new ScenarioQuery("a", "up", Better.Lower, 1)], end.AddMinutes(-1), end, CancellationToken.None);

        Assert.Contains("unreadable body", results[0].Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(30, 1)]
    [InlineData(600, 5)]
    [InlineData(86_400, 60)]
    [InlineData(0.2, 1)]
    public void QueryStep_For_ChoosesAbout120PointsWithinBounds(double windowSeconds, double expectedStepSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedStepSeconds), QueryStep.For(TimeSpan.FromSeconds(windowSeconds)));
    }

    private static async Task<IReadOnlyList<QueryResult>> WaitForScrapeAsync(PrometheusQueryClient client, Uri prometheus, ScenarioQuery[] queries, DateTimeOffset start, double expected)
    {
        // Bounded: a 1 s scrape interval shows the count within a few seconds.
        for (var attempt = 0; attempt < 60; attempt++)
        {
            var results = await client.QueryAllAsync(prometheus, queries, start, DateTimeOffset.UtcNow, CancellationToken.None);
            if (results[0].Series.Count == 1 && results[0].Series[0].Samples[^1].Value == expected && results[0].Series[0].Samples.Count >= 2)
            {
                return results;
            }

            await Task.Delay(500);
        }

        throw new TimeoutException("prometheus never scraped the expected count");
    }

    private static double[] OwnBuckets(string metrics) =>
        [.. Regex.Matches(metrics, "http_request_duration_seconds_bucket\\{[^}]*le=\"([^\"]+)\"").Select(m => m.Groups[1].Value).Distinct()
            .Where(le => le != "+Inf").Select(le => double.Parse(le, System.Globalization.CultureInfo.InvariantCulture)).Order()];

    private static double OwnCount(string metrics) =>
        double.Parse(Regex.Match(metrics, "_count\\{method=\"GET\",route=\"/api/items\",status=\"200\"\\} (\\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
}
