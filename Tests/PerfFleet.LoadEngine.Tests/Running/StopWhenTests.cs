using PerfFleet.Contracts.Scenarios;
using PerfFleet.LoadEngine.Plans;
using PerfFleet.LoadEngine.Running;
using PerfFleet.LoadEngine.Tests.Support;

namespace PerfFleet.LoadEngine.Tests.Running;

public sealed class StopWhenTests
{
    [Fact]
    public async Task RunAsync_ErrorRateAboveTheLimit_EndsTheLoadEarlyAndSaysWhy()
    {
        await using var target = await TestTarget.StartAsync();
        var plan = new LoadPlan
        {
            Targets = [target.Http1Url],
            Rate = 200,
            Duration = TimeSpan.FromSeconds(20),
            Payloads = TestPayloads.Of(TestPayloads.Get("/"), TestPayloads.Get("/status/503")), // half the answers are errors
            StopWhen = new ErrorRateStop(5, TimeSpan.FromSeconds(2), 50),
        };

        var result = await new LoadRunner().RunAsync(plan, null, CancellationToken.None);

        Assert.True(result.Stopped);
        Assert.NotNull(result.StopReason);
        Assert.Matches(@"^stop_when: error rate (4[5-9]|5[0-5])(\.\d)?% > 5% \(\d+ of \d+ requests in the last \d(\.\d)?s\)$", result.StopReason);
        Assert.True(result.WindowEnd - result.WindowStart < TimeSpan.FromSeconds(5), $"the load ran {result.WindowEnd - result.WindowStart} of 20s");
        Assert.InRange(result.Total.Requests, 50, 1_000);
        Assert.Equal(result.StopReason, result.ToProto().StopReason);
    }

    [Fact]
    public async Task RunAsync_FewerRequestsThanTheMinimum_OneEarlyErrorDoesNotEndTheLoad()
    {
        await using var target = await TestTarget.StartAsync();
        var plan = new LoadPlan
        {
            Targets = [target.Http1Url],
            Rate = 20,
            Duration = TimeSpan.FromSeconds(2),
            Payloads = TestPayloads.Of([TestPayloads.Get("/status/503"), .. Enumerable.Repeat(TestPayloads.Get("/"), 9)]), // 10% errors
            StopWhen = new ErrorRateStop(5, TimeSpan.FromSeconds(10), 1_000),
        };

        var result = await new LoadRunner().RunAsync(plan, null, CancellationToken.None);

        Assert.False(result.Stopped);
        Assert.Null(result.StopReason);
        Assert.True(result.Total.Errors > 0, "the run had no error, so not stopping proves nothing");
        Assert.Equal(string.Empty, result.ToProto().StopReason);
    }
}
