using PerfFleet.LoadEngine.Payloads;
using PerfFleet.LoadEngine.Plans;
using PerfFleet.LoadEngine.Running;
using PerfFleet.LoadEngine.Tests.Support;

namespace PerfFleet.LoadEngine.Tests.Running;

public sealed class TimeoutTests
{
    [Fact]
    public async Task RunAsync_SlowAnswers_CountTimeoutsAsErrors()
    {
        await using var target = await TestTarget.StartAsync();
        var plan = new LoadPlan
        {
            Targets = [target.Http1Url],
            Rate = 50,
            Warmup = TimeSpan.FromSeconds(1), // a cold first connection (JIT, h2 setup) must not eat the measured window
            Duration = TimeSpan.FromSeconds(1),
            Timeout = TimeSpan.FromMilliseconds(300),
            Payloads = TestPayloads.Of(
                TestPayloads.Get("/delay?ms=1000", name: "slow"),
                new PayloadRequest { PathAndQuery = "/delay?ms=150", Name = "own timeout", Timeout = TimeSpan.FromMilliseconds(50) },
                TestPayloads.Get("/delay?ms=10", name: "fast")),
        };

        var result = await new LoadRunner().RunAsync(plan, null, CancellationToken.None);

        var slow = result.ByEndpoint["slow"];
        // 50 slots, every third one slow; a stall of this shared machine may leave a few unsent.
        Assert.InRange(slow.Requests + slow.Dropped, 16, 17);
        Assert.True(slow.Requests >= 10, $"slow requests: {slow.Requests}");
        Assert.Equal(slow.Requests, slow.Errors);
        Assert.Equal(slow.Requests, slow.ErrorsByKind["timeout"]);
        Assert.Equal(0, slow.Responses);
        var own = result.ByEndpoint["own timeout"];
        Assert.Equal(own.Requests, own.ErrorsByKind["timeout"]);
        var fast = result.ByEndpoint["fast"];
        Assert.Equal(0, fast.Errors);
        Assert.Equal(fast.Requests, fast.StatusCodes[200]);
        Assert.Equal(slow.Errors + own.Errors, result.Total.ErrorsByKind["timeout"]);
    }
}
