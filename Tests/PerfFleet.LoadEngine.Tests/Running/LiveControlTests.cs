using PerfFleet.LoadEngine.Plans;
using PerfFleet.LoadEngine.Running;
using PerfFleet.LoadEngine.Tests.Support;

namespace PerfFleet.LoadEngine.Tests.Running;

public sealed class LiveControlTests
{
    [Fact]
    public async Task RunAsync_Cancelled_StopsAtOnceAndBreaksRequestsInFlightAfterTheGrace()
    {
        await using var target = await TestTarget.StartAsync();
        var plan = new LoadPlan
        {
            Targets = [target.Http1Url],
            Rate = 100,
            Duration = TimeSpan.FromSeconds(30),
            Timeout = TimeSpan.FromSeconds(20),
            Connections = 64,
            Payloads = TestPayloads.Of(TestPayloads.Get("/delay?ms=10000")),
        };
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        var started = TimeProvider.System.GetTimestamp();

        var result = await new LoadRunner().RunAsync(plan, null, stop.Token);

        // The answers take 10 s and the run 30 s: ending within 4 s means the stop broke the requests
        // (1 s, then the grace), with room for a stall of this shared 2-core machine.
        var elapsed = TimeProvider.System.GetElapsedTime(started);
        Assert.True(elapsed < TimeSpan.FromSeconds(4), $"stopped after {elapsed}");
        Assert.True(result.Stopped);
        // Every request sent was still waiting for its 10 s answer, so every one was broken; how many
        // lanes (of 64) were busy by then depends on how long connecting took.
        Assert.Equal(result.Total.Requests, result.Total.ErrorsByKind["cancelled"]);
        Assert.InRange(result.Total.ErrorsByKind["cancelled"], 30, 64);
        Assert.InRange((result.WindowEnd - result.WindowStart).TotalSeconds, 0.3, 1.5); // the stop came 1 s after the call, setup included
    }

    [Fact]
    public async Task SetRate_WhileRunning_ChangesTheRateFromNowOn()
    {
        await using var target = await TestTarget.StartAsync();
        var plan = new LoadPlan { Targets = [target.Http1Url], Rate = 100, Duration = TimeSpan.FromSeconds(3) };
        var runner = new LoadRunner();
        var progress = new List<LoadProgress>();

        var run = runner.RunAsync(plan, new SynchronousProgress(progress), CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(1));
        runner.SetRate(1_000);
        var result = await run;

        // Changed after t seconds of the 3 s window: 100·t + 1,000·(3 − t) slots. t is about 1 s but
        // depends on how fast this shared machine ran the setup and the delay, so the check reads the
        // schedule's own average over the window: strictly between the two rates means the change
        // landed inside the window, and the slots counted must match that timetable. Without the
        // change the average would be 100 and the slots 300.
        var windowSeconds = (result.WindowEnd - result.WindowStart).TotalSeconds;
        var slots = result.RequestedRate * windowSeconds;
        Assert.InRange(result.RequestedRate, 250, 990);
        Assert.InRange(result.Total.Requests + result.Total.Dropped, slots * 0.97 - 5, slots * 1.03 + 5);
        // What was actually sent depends on this machine's stalls (slots no lane took count as
        // dropped), but it must be well beyond what the old rate alone allows.
        Assert.True(result.Total.Requests > 2 * 100 * windowSeconds, $"sent {result.Total.Requests} of {slots:F0} slots");
        Assert.Contains(progress, p => p.RequestedRate == 1_000);
        Assert.Equal(LoadPhase.Finished, progress[^1].Phase);
        Assert.Throws<InvalidOperationException>(() => runner.SetRate(10)); // no run in progress any more
    }

    [Fact]
    public async Task SetMeasuredDuration_LongerWhileRunning_ExtendsTheWindow()
    {
        await using var target = await TestTarget.StartAsync();
        var plan = new LoadPlan { Targets = [target.Http1Url], Rate = 100, Duration = TimeSpan.FromSeconds(1) };
        var runner = new LoadRunner();

        var run = runner.RunAsync(plan, null, CancellationToken.None);
        await Task.Delay(TimeSpan.FromMilliseconds(400));
        runner.SetMeasuredDuration(TimeSpan.FromSeconds(2.5));
        var result = await run;

        Assert.False(result.Stopped);
        Assert.InRange((result.WindowEnd - result.WindowStart).TotalSeconds, 2.4, 2.6);
        Assert.InRange(result.Total.Requests + result.Total.Dropped, 240, 260);
    }

    [Fact]
    public async Task SetMeasuredDuration_ShorterThanAlreadyRun_EndsTheRunNowWithoutCallingItStopped()
    {
        await using var target = await TestTarget.StartAsync();
        var plan = new LoadPlan { Targets = [target.Http1Url], Rate = 100, Duration = TimeSpan.FromSeconds(30) };
        var runner = new LoadRunner();
        var started = TimeProvider.System.GetTimestamp();

        var run = runner.RunAsync(plan, null, CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(1));
        runner.SetMeasuredDuration(TimeSpan.FromMilliseconds(100));
        var result = await run;

        Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(5));
        Assert.False(result.Stopped);
        Assert.InRange((result.WindowEnd - result.WindowStart).TotalSeconds, 0.5, 2);
        Assert.Throws<InvalidOperationException>(() => runner.SetMeasuredDuration(TimeSpan.FromSeconds(5))); // over
    }

    [Fact]
    public void SetMeasuredDuration_NotPositive_ThrowsNamingDuration()
    {
        Assert.Equal("duration", Assert.Throws<LoadPlanException>(() => new LoadRunner().SetMeasuredDuration(TimeSpan.Zero)).Field);
    }

    [Fact]
    public async Task RunAsync_SecondRunOnTheSameRunner_IsRefused()
    {
        await using var target = await TestTarget.StartAsync();
        var plan = new LoadPlan { Targets = [target.Http1Url], Rate = 50, Duration = TimeSpan.FromSeconds(1) };
        var runner = new LoadRunner();

        var first = runner.RunAsync(plan, null, CancellationToken.None);
        await Task.Delay(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAsync<InvalidOperationException>(() => runner.RunAsync(plan, null, CancellationToken.None));
        Assert.True((await first).Total.Requests > 0);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(double.PositiveInfinity)]
    public void SetRate_NotPositive_ThrowsNamingRate(double rate)
    {
        Assert.Equal("rate", Assert.Throws<LoadPlanException>(() => new LoadRunner().SetRate(rate)).Field);
    }

    private sealed class SynchronousProgress(List<LoadProgress> into) : IProgress<LoadProgress>
    {
        public void Report(LoadProgress value)
        {
            lock (into)
            {
                into.Add(value);
            }
        }
    }
}
