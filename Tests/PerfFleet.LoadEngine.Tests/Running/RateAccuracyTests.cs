using PerfFleet.LoadEngine.Plans;
using PerfFleet.LoadEngine.Reporting;
using PerfFleet.LoadEngine.Running;
using PerfFleet.LoadEngine.Tests.Support;

namespace PerfFleet.LoadEngine.Tests.Running;

public sealed class RateAccuracyTests
{
    // 10,000 req/s shares 2 cores with Kestrel (and, on a busy machine, with other builds): if the
    // engine cannot keep up, the backlog at the end is counted as dropped and this fails, which is
    // the point; a failure here under heavy contention says so in docs/BENCHMARKS.md.
    [Theory]
    [InlineData(1_000)]
    [InlineData(10_000)]
    public async Task RunAsync_ConstantRate_AchievesRequestedRateWithinOnePercent(int rate)
    {
        // One more try when the first run missed: a stall of the shared 2-core machine (another
        // process, a GC, the thread pool growing at start) can eat half a second of one run. An
        // engine that cannot hold the rate misses both times.
        var (result, target) = await RunAsync(rate);
        if (!HeldTheRate(result, target, rate))
        {
            await target.DisposeAsync();
            (result, target) = await RunAsync(rate);
        }

        await using (target)
        {
            Assert.InRange(result.Total.AchievedRate, rate * 0.99, rate * 1.01);
            Assert.Equal(0, result.Total.Errors);
            // Every slot of the window is accounted for: sent, or dropped (a backlog at the very end when
            // the machine stalled the engine), never silently skipped.
            Assert.InRange(result.Total.Requests + result.Total.Dropped, (rate * 10) - 1, (rate * 10) + 1);
            Assert.Equal(result.Total.Requests, result.Total.StatusCodes[200]);
            Assert.InRange(target.TotalCount, rate * 11 * 0.99, rate * 11 * 1.01); // the server's own count, warm-up included
            Assert.Equal(rate, result.RequestedRate, 3);
        }
    }

    private static bool HeldTheRate(LoadRunResult result, TestTarget target, int rate) =>
        result.Total.AchievedRate >= rate * 0.99
        && result.Total.AchievedRate <= rate * 1.01
        && target.TotalCount >= rate * 11 * 0.99
        && target.TotalCount <= rate * 11 * 1.01;

    private static async Task<(LoadRunResult Result, TestTarget Target)> RunAsync(int rate)
    {
        var target = await TestTarget.StartAsync();
        var plan = new LoadPlan
        {
            Targets = [target.Http1Url],
            Rate = rate,
            Warmup = TimeSpan.FromSeconds(1),
            Duration = TimeSpan.FromSeconds(10),
            Connections = 32,
        };

        return (await new LoadRunner().RunAsync(plan, null, CancellationToken.None), target);
    }
}
