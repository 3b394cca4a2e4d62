using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using PerfFleet.LoadEngine.Metrics;
using PerfFleet.LoadEngine.Plans;
using PerfFleet.LoadEngine.Running;
using PerfFleet.LoadEngine.Tests.Support;

namespace PerfFleet.LoadEngine.Tests.Running;

public sealed class MetricsTests
{
    [Fact]
    public async Task RunAsync_WithTag_EmitsRequestsLabelledWithTheTag_WithoutTag_EmitsNothing()
    {
        await using var target = await TestTarget.StartAsync();
        var measurements = new ConcurrentQueue<(string Instrument, string? Tag)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == LoadEngineMetrics.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) => measurements.Enqueue((instrument.Name, TagOf(tags))));
        listener.SetMeasurementEventCallback<double>((instrument, _, tags, _) => measurements.Enqueue((instrument.Name, TagOf(tags))));
        listener.Start();
        var plan = new LoadPlan { Targets = [target.Http1Url], Rate = 100, Duration = TimeSpan.FromSeconds(1) };

        var untagged = await new LoadRunner().RunAsync(plan, null, CancellationToken.None);
        Assert.True(untagged.Total.Requests > 0, "the untagged run sent nothing, so its silence proves nothing");
        Assert.Empty(measurements);

        var tagged = await new LoadRunner().RunAsync(plan with { Tag = "api-load" }, null, CancellationToken.None);

        Assert.Equal(tagged.Total.Requests, measurements.Count(m => m.Instrument == "perffleet.loadengine.requests"));
        Assert.Equal(tagged.Total.Requests, measurements.Count(m => m.Instrument == "perffleet.loadengine.latency"));
        Assert.All(measurements, m => Assert.Equal("api-load", m.Tag));
        Assert.Equal("api-load", tagged.Tag);
    }

    [Fact]
    public async Task RunAsync_RequestCounter_CarriesTheStatusClass_OrTheErrorKindWithoutAnAnswer()
    {
        await using var target = await TestTarget.StartAsync();
        var statuses = new ConcurrentQueue<(string Target, string? Status)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == LoadEngineMetrics.MeterName && instrument.Name == "perffleet.loadengine.requests")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) => statuses.Enqueue((LabelOf(tags, "target")!, LabelOf(tags, LoadEngineMetrics.StatusLabel))));
        listener.Start();
        var refused = $"http://127.0.0.1:{ClosedPort.Pick()}";
        var plan = new LoadPlan
        {
            Targets = [target.Http1Url, refused],
            Rate = 60,
            Duration = TimeSpan.FromSeconds(1),
            Tag = "status-classes",
            Payloads = TestPayloads.Of(TestPayloads.Get("/"), TestPayloads.Get("/status/429"), TestPayloads.Get("/status/503")),
        };

        var result = await new LoadRunner().RunAsync(plan, null, CancellationToken.None);

        var answered = statuses.Where(s => s.Target == target.Http1Url).GroupBy(s => s.Status).ToDictionary(g => g.Key ?? "(none)", g => g.Count());
        var codes = result.ByTarget[target.Http1Url].StatusCodes;
        Assert.Equal(codes[200], answered["2xx"]);
        Assert.Equal(codes[429], answered["4xx"]);
        Assert.Equal(codes[503], answered["5xx"]);
        Assert.Equal(3, answered.Count);
        Assert.Contains(statuses, s => s.Target == refused);
        Assert.All(statuses.Where(s => s.Target == refused), s => Assert.Equal("connect", s.Status));
    }

    [Theory]
    [InlineData(101, "1xx")]
    [InlineData(204, "2xx")]
    [InlineData(302, "3xx")]
    [InlineData(429, "4xx")]
    [InlineData(599, "5xx")]
    [InlineData(0, "other")]
    [InlineData(700, "other")]
    public void StatusClass_NamesTheHundreds(int code, string expected) => Assert.Equal(expected, LoadEngineMetrics.StatusClass(code));


    private static string? TagOf(ReadOnlySpan<KeyValuePair<string, object?>> tags) => LabelOf(tags, "tag");

    private static string? LabelOf(ReadOnlySpan<KeyValuePair<string, object?>> tags, string key)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == key)
            {
                return tag.Value as string;
            }
        }

        return null;
    }
}
