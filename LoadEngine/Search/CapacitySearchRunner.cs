using PerfFleet.Contracts.Scenarios;
using PerfFleet.LoadEngine.Plans;
using PerfFleet.LoadEngine.Reporting;
using PerfFleet.LoadEngine.Running;

namespace PerfFleet.LoadEngine.Search;

/// <summary>
/// Runs a <see cref="CapacitySearch"/> against a real system: each probe is one constant-rate run of
/// <paramref name="runner"/> with the template plan's targets, requests and connections, judged on
/// its intended-time p99 (coordinated-omission-correct, so a system that falls behind shows it)
/// and its error rate.
/// </summary>
public sealed class CapacitySearchRunner(LoadRunner runner)
{
    private const int TooManyRequests = 429;

    /// <summary>The unmeasured run at the bottom of the range before the first probe lasts at least this long.</summary>
    private static readonly TimeSpan PrimeAtLeast = TimeSpan.FromSeconds(2);

    // The share of late requests (sent after waiting for a free connection) that means every lane was busy.
    private const double SaturatedShare = 0.9;

    /// <summary>
    /// Searches <paramref name="options"/>' range with <paramref name="template"/> (its rate, stages,
    /// window, stop rule and replay are replaced: every probe loops the requests at its own rate for
    /// <paramref name="timing"/>), after one unmeasured run at the bottom of the range that warms the
    /// process and the system up. <paramref name="progress"/> hears of each probe as it is judged.
    /// </summary>
    public async Task<CapacitySearchResult> RunAsync(LoadPlan template, CapacitySearchOptions options, CapacityStepTiming timing, IProgress<CapacitySearchStep>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(timing);
        var search = new CapacitySearch(options);

        // A cold process (connections not yet open, code not yet compiled, a thread pool still growing
        // at a couple of threads a second) answers its first hundreds of requests hundreds of ms late,
        // whatever the rate: a first probe that saw that would end the search with "even From fails".
        await runner.RunAsync(Probe(template, options.From, new CapacityStepTiming(Max(timing.Warmup, PrimeAtLeast), TimeSpan.Zero)), null, cancellationToken).ConfigureAwait(false);
        while (search.NextRate is { } rate)
        {
            var plan = Probe(template, rate, timing);
            var run = await runner.RunAsync(plan, null, cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            var probe = search.Record(Measure(plan, run));
            progress?.Report(new CapacitySearchStep(probe, run));
        }

        return search.Result();
    }

    private static LoadPlan Probe(LoadPlan template, double rate, CapacityStepTiming timing) => template with
    {
        Rate = rate,
        Stages = [],
        ClosedLoop = false,
        Duration = timing.Step,
        Warmup = timing.Warmup,
        StopWhen = null,
        Replay = ReplayPolicy.Loop,
    };

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>
    /// What one run of <paramref name="plan"/> says for the search. Errors are the engine's (transport
    /// failures, timeouts, 5xx) plus 429 answers: the engine counts a refusal as an answer, but for a
    /// capacity search a rate limiter's "too many" is the system saying the rate is above what it serves.
    /// </summary>
    public static CapacityMeasurement Measure(LoadPlan plan, LoadRunResult run)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(run);
        var total = run.Total;
        var failed = total.Errors + total.StatusCodes.GetValueOrDefault(TooManyRequests);
        var errorRate = total.Requests == 0 ? 1 : Math.Min(1, (double)failed / total.Requests);
        return new CapacityMeasurement(total.LatencyIntended.ValueAtPercentile(99) / 1000.0, errorRate, total.AchievedRate)
        {
            ServedRate = ServedRate(plan, run),
        };
    }

    /// <summary>
    /// When nearly every request waited for a busy connection, every lane was busy the whole window,
    /// and by Little's law the system served lanes / mean service time per second. The achieved rate
    /// says less then: it counts only requests due in the window, and those due in the warm-up that
    /// were still queued take the window's first part. Null when the lanes were not saturated.
    /// </summary>
    private static double? ServedRate(LoadPlan plan, LoadRunResult run)
    {
        var total = run.Total;
        var meanSeconds = total.LatencyService.Mean / 1e6;
        if (total.Requests == 0 || total.Late < total.Requests * SaturatedShare || meanSeconds <= 0)
        {
            return null;
        }

        // HTTP/1.1 has one request per connection; HTTP/2 multiplexes max_in_flight streams (LoadPlan.MaxInFlight).
        var lanes = plan.Protocol == LoadProtocol.Http1 ? Math.Min(plan.Connections, plan.MaxInFlight) : plan.MaxInFlight;
        return lanes / meanSeconds;
    }
}
