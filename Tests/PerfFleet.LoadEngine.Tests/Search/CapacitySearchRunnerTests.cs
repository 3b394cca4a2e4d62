using PerfFleet.LoadEngine.Plans;
using PerfFleet.LoadEngine.Running;
using PerfFleet.LoadEngine.Search;
using PerfFleet.LoadEngine.Tests.Support;

namespace PerfFleet.LoadEngine.Tests.Search;

/// <summary>
/// The search driving the real engine against loopback servers of a known capacity. Probes are
/// short (1 s warm-up, 2 s measured) so the class stays under a minute on two cores. It runs
/// alone: another test's load on the same two cores makes whole probes late, which is the
/// machine's limit, not the target's. The 5 %-in-8-probes goal is the benchmark's
/// (bench/capacity); here the knee must land near the limit, which a wrong search does not.
/// </summary>
[Collection(nameof(CapacitySearchRunnerTests))]
public sealed class CapacitySearchRunnerTests
{
    private static readonly CapacityStepTiming ShortSteps = new(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1));

    [Theory]
    [InlineData(LimitMode.Refuse, 1_000)]
    [InlineData(LimitMode.Queue, 800)]
    public async Task RunAsync_ServerWithAKnownLimit_FindsTheKneeNearItIn8ProbesOrFewer(LimitMode mode, double limit)
    {
        await using var target = await LimitedTarget.StartAsync(mode, limit);
        var steps = new List<CapacitySearchStep>();
        // A refusing server shows its limit in errors alone (5 %: a token bucket with a 10 ms burst
        // refuses a few requests just under its rate when the generator's sends bunch up); a
        // queueing one in its latency, judged at a p99 far above a busy machine's hiccups (a queue
        // past the limit grows without end).
        var slo = mode == LimitMode.Refuse ? new CapacitySlo(null, 0.05) : new CapacitySlo(500, 0.01);
        var options = new CapacitySearchOptions { Slo = slo, From = 100, To = 8_000 };

        var result = await new CapacitySearchRunner(new LoadRunner()).RunAsync(new LoadPlan { Targets = [target.Url] }, options, ShortSteps, new SynchronousProgress(steps), CancellationToken.None);

        var trail = Trail(steps);
        Assert.True(result.Probes.Count <= 8, $"{result.Probes.Count} probes: {trail}");
        Assert.True(result.Outcome is CapacitySearchOutcome.Bracketed or CapacitySearchOutcome.StepsRanOut, $"{result.Outcome}: {trail}");
        // Near, not within the benchmark's 5 %: one probe hit by a hiccup of this shared machine
        // can misguide the estimate (seen: a second look at 1,386/s with a p99 of 0.7 s). A search
        // that measured or bisected wrongly ends at the range's ends, far from either bound.
        Assert.True(result.Knee is { } knee && knee >= limit * 0.6 && knee <= limit * 1.15, $"knee {result.Knee:0}/s, limit {limit}/s: {trail}");
        Assert.Equal(result.Probes, steps.Select(s => s.Probe));
    }

    [Fact]
    public async Task RunAsync_FromAboveTheLimit_ReportsNoKnee()
    {
        await using var target = await LimitedTarget.StartAsync(LimitMode.Refuse, 100);
        var options = new CapacitySearchOptions { Slo = new CapacitySlo(null, 0.01), From = 400, To = 1_000 };

        var result = await new CapacitySearchRunner(new LoadRunner()).RunAsync(new LoadPlan { Targets = [target.Url] }, options, ShortSteps, null, CancellationToken.None);

        Assert.Null(result.Knee);
        Assert.Equal(CapacitySearchOutcome.FromFails, result.Outcome);
        Assert.Equal([400, 400], result.Probes.Select(p => p.Rate)); // the first failure is measured twice
        Assert.All(result.Probes, p => Assert.Contains("error rate", p.Reason, StringComparison.Ordinal));
    }

    /// <summary>Each probe's verdict and the run's figures, for a failure message that shows what the search saw.</summary>
    private static string Trail(IEnumerable<CapacitySearchStep> steps) => string.Join(" | ", steps.Select(s =>
        $"{s.Probe.Rate:0}/s {(s.Probe.Passed ? "pass" : "FAIL")} ({s.Probe.Reason}; served {s.Probe.ServedRate:0}/s; late {s.Run.Total.Late} of {s.Run.Total.Requests}, "
        + $"dropped {s.Run.Total.Dropped}, service mean {s.Run.Total.LatencyService.Mean / 1000:0.#} ms)"));

    /// <summary>Records each step on the reporting thread (Progress&lt;T&gt; would post it later).</summary>
    private sealed class SynchronousProgress(List<CapacitySearchStep> steps) : IProgress<CapacitySearchStep>
    {
        public void Report(CapacitySearchStep value) => steps.Add(value);
    }
}

/// <summary>The capacity searches run on their own, after the parallel tests (see <see cref="CapacitySearchRunnerTests"/>).</summary>
[CollectionDefinition(nameof(CapacitySearchRunnerTests), DisableParallelization = true)]
public sealed class CapacitySearchRunnerCollection;
