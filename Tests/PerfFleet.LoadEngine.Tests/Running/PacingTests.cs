using System.Diagnostics;
using PerfFleet.LoadEngine.Plans;
using PerfFleet.LoadEngine.Running;
using PerfFleet.LoadEngine.Tests.Support;

namespace PerfFleet.LoadEngine.Tests.Running;

public sealed class PacingTests
{
    [Fact]
    public async Task RunAsync_FixedRate_SendsWithinMicrosecondsOfTheIntendedTimeAndReportsIt()
    {
        await using var target = await TestTarget.StartAsync();
        var plan = new LoadPlan { Targets = [target.Http1Url], Rate = 2_000, Warmup = TimeSpan.FromMilliseconds(500), Duration = TimeSpan.FromSeconds(2), Connections = 16 };

        var result = await new LoadRunner().RunAsync(plan, null, CancellationToken.None);

        var lateness = result.Total.GeneratorLateness;
        Assert.Equal(result.Total.Requests, lateness.TotalCount);
        // A millisecond timer per request (what the pacer replaced) puts the median near 1 ms; the
        // pacer's is a few microseconds. 300 µs leaves room for a busy shared machine.
        Assert.True(lateness.ValueAtPercentile(50) < 300, $"generator lateness p50 {lateness.ValueAtPercentile(50)} µs");
        Assert.Equal(TimeSpan.FromMilliseconds(1), result.GeneratorLatenessLimit);
        Assert.Equal(lateness.ValueAtPercentile(99) > 1_000, result.GeneratorBehind);
    }

    [Fact]
    public async Task RunAsync_TargetStalls_TheBacklogIsTheTargetsLatenessNotTheGenerators()
    {
        await using var target = await TestTarget.StartAsync();
        var plan = new LoadPlan { Targets = [target.Http1Url], Rate = 1_000, Warmup = TimeSpan.FromMilliseconds(500), Duration = TimeSpan.FromSeconds(3), Connections = 8 };

        var run = new LoadRunner().RunAsync(plan, null, CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        target.StallFor(TimeSpan.FromMilliseconds(500));
        var result = await run;

        // ~500 slots fell due while every lane waited for the stalled target: sent late, and counted
        // so in the intended time, but each went out as soon as a lane came free, so the generator
        // itself was not behind (a busy-machine stall of the test process could add a few).
        Assert.True(result.Total.Late > 100, $"late: {result.Total.Late}");
        Assert.True(result.Total.GeneratorLate < result.Total.Late / 10, $"generator late {result.Total.GeneratorLate} of late {result.Total.Late}");
    }

    [Fact]
    public async Task RunAsync_LowRate_SleepsBetweenSlotsInsteadOfSpinning()
    {
        await using var target = await TestTarget.StartAsync();
        var plan = new LoadPlan { Targets = [target.Http1Url], Rate = 5, Duration = TimeSpan.FromSeconds(2), Connections = 2 };
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;

        var result = await new LoadRunner().RunAsync(plan, null, CancellationToken.None);

        // A busy-waiting pacer would use a whole core for the 2 s; sleeping, the process (Kestrel
        // included) uses a small fraction of that.
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        Assert.True(cpu < TimeSpan.FromSeconds(0.6), $"CPU {cpu.TotalMilliseconds} ms for a 2 s run at 5/s");
        Assert.InRange(result.Total.Requests + result.Total.Dropped, 9, 11);
    }
}
