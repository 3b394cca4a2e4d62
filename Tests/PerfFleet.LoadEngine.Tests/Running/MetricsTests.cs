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

    private static string? TagOf(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == "tag")
            {
                return tag.Value as string;
            }
        }

        return null;
    }
}
