using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using PerfFleet.Worker.Tests.Support;

namespace PerfFleet.Worker.Tests.Samples;

public sealed class SampleServiceTests
{
    [Fact]
    public async Task Metrics_AfterRequests_CountsThemPerRouteInPrometheusFormat()
    {
        await using var service = await SampleServiceProcess.StartAsync();
        using var http = new HttpClient { BaseAddress = service.BaseAddress };
        for (var i = 0; i < 5; i++)
        {
            (await http.GetAsync(new Uri("api/items", UriKind.Relative))).EnsureSuccessStatusCode();
        }

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri("api/items/999", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsJsonAsync(new Uri("api/orders", UriKind.Relative), new { itemId = 2, quantity = 3 })).StatusCode);

        var metrics = await http.GetStringAsync(new Uri("metrics", UriKind.Relative));

        Assert.Contains("# TYPE http_request_duration_seconds histogram", metrics, StringComparison.Ordinal);
        Assert.Contains("http_request_duration_seconds_count{method=\"GET\",route=\"/api/items\",status=\"200\"} 5", metrics, StringComparison.Ordinal);
        Assert.Contains("http_request_duration_seconds_count{method=\"GET\",route=\"/api/items/{id:int}\",status=\"404\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("http_request_duration_seconds_bucket{method=\"POST\",route=\"/api/orders\",status=\"201\",le=\"+Inf\"} 1", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ItemsDelay_FromEnvironment_ShowsInTheHistogram()
    {
        await using var service = await SampleServiceProcess.StartAsync(new Dictionary<string, string> { ["SAMPLE_DELAY_MS_ITEMS"] = "60" });
        using var http = new HttpClient { BaseAddress = service.BaseAddress };
        for (var i = 0; i < 3; i++)
        {
            (await http.GetAsync(new Uri("api/items", UriKind.Relative))).EnsureSuccessStatusCode();
        }

        var metrics = await http.GetStringAsync(new Uri("metrics", UriKind.Relative));

        // No request of a 60 ms endpoint can fall into the buckets up to 58.7 ms (eight per doubling from 0.25 ms).
        Assert.Matches(new Regex("route=\"/api/items\",status=\"200\",le=\"0.058688259\"} 0\n"), metrics);
        Assert.Matches(new Regex("route=\"/api/items\",status=\"200\",le=\"\\+Inf\"} 3\n"), metrics);
        var sum = Regex.Match(metrics, "_sum\\{method=\"GET\",route=\"/api/items\",status=\"200\"\\} ([0-9.eE-]+)");
        Assert.True(double.Parse(sum.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 0.18);
    }

    [Fact]
    public async Task Orders_InvalidBody_IsAProblemResponse()
    {
        await using var service = await SampleServiceProcess.StartAsync();
        using var http = new HttpClient { BaseAddress = service.BaseAddress };

        var response = await http.PostAsJsonAsync(new Uri("api/orders", UriKind.Relative), new { itemId = 99, quantity = 0 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
