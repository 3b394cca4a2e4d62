using PerfFleet.LoadEngine.Payloads;
using PerfFleet.LoadEngine.Plans;
using PerfFleet.LoadEngine.Reporting;
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
            // Wide margins on both sides of each timeout: a stall of this shared machine (seen in CI)
            // must neither let a slow answer arrive in time nor push a fast one past its deadline.
            Timeout = TimeSpan.FromMilliseconds(1000),
            Payloads = TestPayloads.Of(
                TestPayloads.Get("/delay?ms=4000", name: "slow"),
                new PayloadRequest { PathAndQuery = "/delay?ms=4000", Name = "own timeout", Timeout = TimeSpan.FromMilliseconds(100) },
                // Its own long timeout: the plan's may be overridden upwards too, and a process
                // starved for a second (seen with two CPU hogs beside it) must not fail a 10 ms answer.
                new PayloadRequest { PathAndQuery = "/delay?ms=10", Name = "fast", Timeout = TimeSpan.FromSeconds(10) }),
        };

        var result = await new LoadRunner().RunAsync(plan, null, CancellationToken.None);

        var slow = result.ByEndpoint["slow"];
        // 50 slots, every third one slow; a stall of this shared machine may leave some unsent
        // (dropped, still counted): what matters is that every one sent timed out.
        Assert.InRange(slow.Requests + slow.Dropped, 16, 17);
        Assert.True(slow.Requests >= 3, Describe(result));
        Assert.Equal(slow.Requests, slow.Errors);
        Assert.Equal(slow.Requests, slow.ErrorsByKind["timeout"]);
        Assert.True(slow.Responses == 0, Describe(result));
        var own = result.ByEndpoint["own timeout"];
        Assert.Equal(own.Requests, own.ErrorsByKind["timeout"]);
        var fast = result.ByEndpoint["fast"];
        Assert.True(fast.Errors == 0, Describe(result));
        Assert.Equal(fast.Requests, fast.StatusCodes[200]);
        Assert.Equal(slow.Errors + own.Errors, result.Total.ErrorsByKind["timeout"]);
    }

    /// <summary>What each endpoint saw, for a failure message that says which request went wrong.</summary>
    private static string Describe(LoadRunResult result) => string.Join("; ", result.ByEndpoint.Select(e =>
        $"{e.Key}: requests {e.Value.Requests}, responses {e.Value.Responses}, errors {e.Value.Errors} " +
        $"({string.Join(", ", e.Value.ErrorsByKind.Select(k => $"{k.Key} {k.Value}"))}), " +
        $"status codes ({string.Join(", ", e.Value.StatusCodes.Select(c => $"{c.Key} {c.Value}"))})"));
}
