namespace PerfFleet.Coordinator.Tests.Api;

/// <summary>
/// The coordinator's <c>/metrics</c> in the Prometheus text format, with the metric names the docs,
/// the Helm chart's ServiceMonitor and dashboards use (OpenTelemetry's Prometheus exporter names
/// them from the instruments: dots to underscores, the unit, <c>_total</c> on counters).
/// </summary>
public sealed class MetricsEndpointTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    // perffleet_queue_depth has a series per status only once there are tests (none here).
    // ASP.NET Core's own http_server_* series are not asserted: its meters come from each host's
    // IMeterFactory, and in a test process with many hosts OpenTelemetry keeps the first host's.
    public static TheoryData<string> Names => new()
    {
        "perffleet_leader{",
        "perffleet_leader_epoch{",
        "perffleet_outbox_depth{",
    };

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Scrape_HasTheDocumentedSeries(string series)
    {
        await fixture.Host.Http.GetAsync(new Uri(fixture.Host.WebUrl, "/healthz"));

        // The fleet gauges are read from the database every few seconds: the first scrape may precede them.
        var text = "";
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!text.Contains(series, StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            text = await fixture.Host.Http.GetStringAsync(new Uri(fixture.Host.WebUrl, "/metrics"));
            await Task.Delay(200);
        }

        Assert.Contains(series, text, StringComparison.Ordinal);
        Assert.Contains("# TYPE ", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scrape_ContentTypeIsPrometheusText()
    {
        using var response = await fixture.Host.Http.GetAsync(new Uri(fixture.Host.WebUrl, "/metrics"));

        response.EnsureSuccessStatusCode();
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
    }
}
