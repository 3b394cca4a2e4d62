using PerfFleet.LoadEngine.Plans;
using PerfFleet.LoadEngine.Running;
using PerfFleet.LoadEngine.Tests.Support;
using PerfFleet.Contracts.Scenarios;

namespace PerfFleet.LoadEngine.Tests.Running;

public sealed class ReplayTests
{
    [Fact]
    public async Task RunAsync_Times3_SendsEachPayloadExactlyThreeTimes()
    {
        await using var target = await TestTarget.StartAsync();
        var plan = new LoadPlan
        {
            Targets = [target.Http1Url],
            Rate = 500,
            Warmup = TimeSpan.FromMilliseconds(10),
            Duration = TimeSpan.FromSeconds(5),
            Replay = ReplayPolicy.Repeat(3),
            Timeout = TimeSpan.FromSeconds(10), // a cold first request on a busy machine must not time out
            Payloads = TestPayloads.Of([.. Enumerable.Range(1, 7).Select(i => TestPayloads.Get($"/item/{i}"))]),
        };
        var started = TimeProvider.System.GetTimestamp();

        var result = await new LoadRunner().RunAsync(plan, null, CancellationToken.None);

        Assert.Equal(Enumerable.Range(1, 7).Select(i => ($"/item/{i}", 3)), target.CountByPath.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value)));
        Assert.InRange(result.Total.Requests, 15, 21); // the first few were warm-up
        // The window is 5 s; 21 requests at 500/s take 42 ms. Ending well before 5 s (setup and a stall
        // of this shared machine allowed for) shows the run ended when every payload had been sent.
        var elapsed = TimeProvider.System.GetElapsedTime(started);
        Assert.True(elapsed < TimeSpan.FromSeconds(4), $"the run ends when every payload has been sent, it took {elapsed}");
    }

    [Fact]
    public async Task RunAsync_Loop_CyclesThroughPayloadsInOrder()
    {
        await using var target = await TestTarget.StartAsync();
        target.RecordRequests = true;
        var plan = new LoadPlan
        {
            Targets = [target.Http1Url],
            Rate = 200,
            Warmup = TimeSpan.FromSeconds(1), // a cold first connection must not eat the measured window
            Duration = TimeSpan.FromMilliseconds(500),
            Connections = 1,
            Payloads = TestPayloads.Of(TestPayloads.Get("/a"), TestPayloads.Get("/b")),
        };

        var result = await new LoadRunner().RunAsync(plan, null, CancellationToken.None);

        var paths = target.Requests.Select(r => r.PathAndQuery).ToList();
        Assert.Equal(100, result.Total.Requests + result.Total.Dropped); // a stall of this busy machine may leave a few unsent at the end
        // 300 slots in all (1.5 s at 200/s); a stall drops some, but never reorders nor adds one.
        Assert.InRange(paths.Count, 150, 300);
        Assert.All(paths.Select((p, i) => (p, i)), x => Assert.Equal(x.i % 2 == 0 ? "/a" : "/b", x.p));
        Assert.Equal(["GET /a", "GET /b"], result.ByEndpoint.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(50, result.ByEndpoint["GET /a"].Requests + result.ByEndpoint["GET /a"].Dropped);
    }
}
