using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PerfFleet.Contracts.Telemetry;
using PerfFleet.Testing.Net;
using PerfFleet.Testing.Prometheus;

namespace PerfFleet.Contracts.Tests.Telemetry;

public sealed class PrometheusMetricsExporterTests
{
    [Fact]
    public void Scrape_Counter_WritesTotalWithSortedEscapedLabels()
    {
        var meterName = "PerfFleet.Tests." + Guid.NewGuid().ToString("N");
        using var exporter = new PrometheusMetricsExporter([meterName]);
        using var meter = new Meter(meterName);
        var counter = meter.CreateCounter<long>("perffleet.webhook.deliveries", description: "Webhook deliveries by outcome");

        counter.Add(2, new("outcome", "created"), new("event", "push"));
        counter.Add(3, new("event", "push"), new("outcome", "created"));
        counter.Add(1, new("event", "we\"ird\\"), new("outcome", "line\nbreak"));

        var text = exporter.Scrape();

        Assert.Contains("# TYPE perffleet_webhook_deliveries_total counter\n", text, StringComparison.Ordinal);
        Assert.Contains("# HELP perffleet_webhook_deliveries_total Webhook deliveries by outcome\n", text, StringComparison.Ordinal);
        Assert.Contains("perffleet_webhook_deliveries_total{event=\"push\",outcome=\"created\"} 5\n", text, StringComparison.Ordinal);
        Assert.Contains("perffleet_webhook_deliveries_total{event=\"we\\\"ird\\\\\",outcome=\"line\\nbreak\"} 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Scrape_Histogram_WritesCumulativeBucketsSumAndCount()
    {
        var meterName = "PerfFleet.Tests." + Guid.NewGuid().ToString("N");
        using var exporter = new PrometheusMetricsExporter([meterName]);
        using var meter = new Meter(meterName);
        var histogram = meter.CreateHistogram<double>("perffleet.dispatch.latency", unit: "s");

        histogram.Record(0.003);
        histogram.Record(0.2);
        histogram.Record(120);

        var text = exporter.Scrape();

        Assert.Contains("# TYPE perffleet_dispatch_latency_seconds histogram\n", text, StringComparison.Ordinal);
        Assert.Contains("perffleet_dispatch_latency_seconds_bucket{le=\"0.0025\"} 0\n", text, StringComparison.Ordinal);
        Assert.Contains("perffleet_dispatch_latency_seconds_bucket{le=\"0.005\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("perffleet_dispatch_latency_seconds_bucket{le=\"0.25\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("perffleet_dispatch_latency_seconds_bucket{le=\"60\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("perffleet_dispatch_latency_seconds_bucket{le=\"+Inf\"} 3\n", text, StringComparison.Ordinal);
        Assert.Contains("perffleet_dispatch_latency_seconds_sum 120.203\n", text, StringComparison.Ordinal);
        Assert.Contains("perffleet_dispatch_latency_seconds_count 3\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Scrape_ObservableGauge_ReportsCurrentSnapshotOnly()
    {
        var meterName = "PerfFleet.Tests." + Guid.NewGuid().ToString("N");
        using var exporter = new PrometheusMetricsExporter([meterName]);
        using var meter = new Meter(meterName);
        var depth = new List<Measurement<int>> { new(4, new KeyValuePair<string, object?>("status", "scheduled")) };
        meter.CreateObservableGauge("perffleet.queue.depth", () => depth);

        Assert.Contains("perffleet_queue_depth{status=\"scheduled\"} 4\n", exporter.Scrape(), StringComparison.Ordinal);

        depth = [new(1, new KeyValuePair<string, object?>("status", "running"))];
        var second = exporter.Scrape();

        Assert.Contains("perffleet_queue_depth{status=\"running\"} 1\n", second, StringComparison.Ordinal);
        Assert.DoesNotContain("scheduled", second, StringComparison.Ordinal);
    }

    [Fact]
    public void Scrape_OtherMeters_AreNotExported()
    {
        var meterName = "PerfFleet.Tests." + Guid.NewGuid().ToString("N");
        using var exporter = new PrometheusMetricsExporter([meterName]);
        using var other = new Meter("Somebody.Else." + Guid.NewGuid().ToString("N"));
        other.CreateCounter<long>("foreign.requests").Add(1);

        Assert.DoesNotContain("foreign_requests", exporter.Scrape(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("perffleet.a-b.c", null, true, "perffleet_a_b_c_total")]
    [InlineData("9lives", null, false, "_9lives")]
    [InlineData("http.server.request.duration", "s", false, "http_server_request_duration_seconds")]
    [InlineData("bytes.sent", "By", true, "bytes_sent_bytes_total")]
    public void Metric_Names_FollowExpositionRules(string instrument, string? unit, bool counter, string expected) =>
        Assert.Equal(expected, PrometheusNames.Metric(instrument, unit, counter));

    [Fact]
    public async Task MetricsEndpoint_ScrapedByRealPrometheus_QueryReturnsRecordedValues()
    {
        if (PrometheusServer.FindBinary() is null)
        {
            Assert.Fail("prometheus is not installed (apt-get install prometheus); .ci/run installs it");
        }

        var meterName = "PerfFleet.Tests." + Guid.NewGuid().ToString("N");
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Services.AddPrometheusMetrics(meterName);
        await using var app = builder.Build();
        app.MapPrometheusMetrics();
        await app.StartAsync();

        using var meter = new Meter(meterName);
        meter.CreateCounter<long>("perffleet.test.dispatches").Add(7, new KeyValuePair<string, object?>("worker", "w1"));
        meter.CreateHistogram<double>("perffleet.test.latency", unit: "s").Record(0.04);

        await using var prometheus = await PrometheusServer.StartAsync([$"127.0.0.1:{port}"], TimeSpan.FromMilliseconds(200));

        var dispatches = await prometheus.WaitForAsync("perffleet_test_dispatches_total{worker=\"w1\"}", v => v == 7, TimeSpan.FromSeconds(30));
        var within50ms = await prometheus.WaitForAsync("perffleet_test_latency_seconds_bucket{le=\"0.05\"}", v => v == 1, TimeSpan.FromSeconds(30));

        Assert.Equal(7, dispatches);
        Assert.Equal(1, within50ms);
        await app.StopAsync();
    }
}
