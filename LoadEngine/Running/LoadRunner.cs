using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PerfFleet.LoadEngine.Metrics;
using PerfFleet.LoadEngine.Pacing;
using PerfFleet.LoadEngine.Payloads;
using PerfFleet.LoadEngine.Plans;
using PerfFleet.LoadEngine.Reporting;
using PerfFleet.LoadEngine.Scheduling;
using PerfFleet.LoadEngine.Stats;
using PerfFleet.LoadEngine.Transport;

namespace PerfFleet.LoadEngine.Running;

/// <summary>
/// Runs load plans, one at a time per instance (a second concurrent RunAsync is refused). <see cref="RunAsync"/> returns when the window
/// ends, when every payload has been sent (replay once / times N), or soon after cancellation
/// (a stop: no new request, and requests still in flight after <see cref="StopGrace"/> are broken
/// and counted as cancelled); the result then has <see cref="LoadRunResult.Stopped"/> set.
/// </summary>
public sealed class LoadRunner(TimeProvider? timeProvider = null, IMeterFactory? meterFactory = null, ILogger<LoadRunner>? logger = null)
{
    /// <summary>How long requests in flight may still finish after a stop.</summary>
    public static readonly TimeSpan StopGrace = TimeSpan.FromMilliseconds(250);

    private static readonly TimeSpan WatchdogPeriod = TimeSpan.FromMilliseconds(10);

    // Often enough that a stop_when rule ends the load within a fraction of a second of tripping.
    private static readonly TimeSpan ErrorWatchPeriod = TimeSpan.FromMilliseconds(250);

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly ILogger _logger = logger ?? (ILogger)NullLogger.Instance;
    private ActiveRun? _active;

    public async Task<LoadRunResult> RunAsync(LoadPlan plan, IProgress<LoadProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        plan.Validate();
        var payloads = plan.Payloads is null
            ? [new PayloadRequest { PathAndQuery = "/" }]
            : await PayloadReader.ReadAsync(plan.Payloads, cancellationToken);
        var endpointNames = payloads.Select(p => EndpointNamer.Name(p.Method, p.PathAndQuery, p.Name)).ToArray();
        var endpoints = endpointNames.Distinct(StringComparer.Ordinal).ToArray();
        using var metrics = LoadEngineMetrics.Create(plan.Tag, meterFactory);
        var targets = await PrepareTargetsAsync(plan, payloads, endpointNames, endpoints, metrics is not null, cancellationToken);
        try
        {
            return await RunPreparedAsync(plan, targets, endpoints, payloads.Count, metrics, progress, cancellationToken);
        }
        finally
        {
            foreach (var target in targets)
            {
                target.Dispose();
            }
        }
    }

    /// <summary>Changes the rate of the run in progress (overriding remaining stages), as Worker.Update asks.</summary>
    public void SetRate(double requestsPerSecond)
    {
        if (!double.IsFinite(requestsPerSecond) || requestsPerSecond <= 0)
        {
            throw new LoadPlanException("rate", $"must be greater than zero requests/s, got {requestsPerSecond.ToString(CultureInfo.InvariantCulture)}");
        }

        var active = Volatile.Read(ref _active) ?? throw new InvalidOperationException("no load run is in progress");
        var schedule = active.Clock.Schedule ?? throw new InvalidOperationException("a closed-loop run has no rate to change");
        schedule.SetRate(requestsPerSecond, active.Clock.SecondsSinceStart(Stopwatch.GetTimestamp()));
        active.Pacer?.Changed();
        LoadRunnerLog.RateChanged(_logger, requestsPerSecond);
    }

    /// <summary>
    /// Changes the measured duration of the run in progress, as Worker.Update asks: the window now
    /// ends <paramref name="measured"/> after it started, or at once when that moment has passed.
    /// </summary>
    public void SetMeasuredDuration(TimeSpan measured)
    {
        if (measured <= TimeSpan.Zero)
        {
            throw new LoadPlanException("duration", $"must be greater than zero, got {measured}");
        }

        var active = Volatile.Read(ref _active) ?? throw new InvalidOperationException("no load run is in progress");
        if (!active.Clock.TryChangeMeasured(measured))
        {
            throw new InvalidOperationException("the run has already ended");
        }

        active.Pacer?.Changed();

        LoadRunnerLog.DurationChanged(_logger, measured);
    }

    private static async Task<TargetRun[]> PrepareTargetsAsync(LoadPlan plan, IReadOnlyList<PayloadRequest> payloads, string[] endpointNames, string[] endpoints, bool withMetrics, CancellationToken cancellationToken)
    {
        var preparer = new RequestPreparer(plan);
        var targets = new List<TargetRun>();
        var stages = StageBounds.Of(plan);
        foreach (var url in plan.Targets)
        {
            var uri = new Uri(url);
            var transport = await TargetTransport.CreateAsync(plan, uri, cancellationToken);
            var requests = payloads.Select((p, i) => preparer.Prepare(uri, p, Array.IndexOf(endpoints, endpointNames[i]))).ToArray();
            var labels = withMetrics ? endpoints.Select(e => LoadEngineMetrics.Labels(plan.Tag!, url, e)).ToArray() : null;
            targets.Add(new TargetRun(url, transport, requests, endpoints.Length, labels, stages));
        }

        return [.. targets];
    }

    private async Task<LoadRunResult> RunPreparedAsync(LoadPlan plan, TargetRun[] targets, string[] endpoints, int payloadCount, LoadEngineMetrics? metrics, IProgress<LoadProgress>? progress, CancellationToken cancellationToken)
    {
        ArrivalSchedule? schedule = plan.ClosedLoop ? null
            : plan.Stages.Count > 0 ? ArrivalSchedule.FromStages(plan.Warmup, plan.Stages)
            : ArrivalSchedule.Constant(plan.Rate!.Value);
        var startedAt = _time.GetUtcNow();
        using var clock = new RunClock(Stopwatch.GetTimestamp(), plan.Warmup, plan.MeasuredDuration, schedule, plan.Replay.SlotLimit(payloadCount));
        var lateTolerance = RunClock.ToTicks(plan.LateTolerance);
        var lanes = targets.SelectMany(t => Enumerable.Range(0, t.Transport.Lanes).Select(i => new LoadLane(i, t, clock, metrics, lateTolerance))).ToArray();
        LoadRunnerLog.Starting(_logger, targets.Length, lanes.Length, plan.Protocol.ToString(), plan.ClosedLoop ? "max" : plan.Rate?.ToString(CultureInfo.InvariantCulture) ?? "stages", plan.Warmup, plan.MeasuredDuration);

        using var pacer = schedule is null ? null : new SlotPacer(clock, [.. targets.Select(t => t.Gate)]);
        if (Interlocked.CompareExchange(ref _active, new ActiveRun(clock, targets, pacer), null) is not null)
        {
            throw new InvalidOperationException("this runner is already running a plan; use one LoadRunner per concurrent run");
        }

        var reporter = new ProgressReporter(clock, targets, progress);
        var errorWatch = plan.StopWhen is { } rule ? new ErrorRateWatch(rule, clock, targets, () => { clock.Stop(); pacer?.Changed(); }) : null;
        try
        {
            using (cancellationToken.Register(() => { LoadRunnerLog.Stopping(_logger); clock.Stop(); pacer?.Changed(); }))
            using (_time.CreateTimer(_ => Watchdog(lanes, clock), null, WatchdogPeriod, WatchdogPeriod))
            using (_time.CreateTimer(_ => reporter.Report(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)))
            using (errorWatch is null ? null : _time.CreateTimer(_ => errorWatch.Check(), null, ErrorWatchPeriod, ErrorWatchPeriod))
            {
                var running = Task.WhenAll(lanes.Select(lane => Task.Run(lane.RunAsync, CancellationToken.None)));
                pacer?.Start();
                try
                {
                    await running;
                }
                catch
                {
                    clock.Stop(); // a lane failed: the pacer must not outlive the run
                    throw;
                }
                finally
                {
                    if (SlotPacer.OnPacerThread)
                    {
                        // The last lane finished inline on the pacer's thread (handed "finished" as the
                        // pacer closed the gates): joining from there would wait for itself.
                        await Task.Yield();
                    }

                    // Normally every lane has finished because the pacer closed the gates: it is ending too.
                    pacer?.Changed();
                    pacer?.Join();
                }
            }
        }
        finally
        {
            Volatile.Write(ref _active, null);
        }

        var finishedAt = Math.Min(Stopwatch.GetTimestamp(), clock.EndTimestamp);
        CountUnsentSlots(clock, targets, finishedAt);
        var windowSeconds = Math.Max(0, (double)(finishedAt - clock.WindowStartTimestamp) / Stopwatch.Frequency);
        var stopReason = errorWatch?.Reason;
        var result = BuildResult(plan, targets, endpoints, clock, startedAt, windowSeconds, cancellationToken.IsCancellationRequested || stopReason is not null) with { StopReason = stopReason };
        if (stopReason is not null)
        {
            LoadRunnerLog.StoppedByRule(_logger, stopReason);
        }

        reporter.Finish();
        LoadRunnerLog.Finished(_logger, result.Total.Requests, result.Total.AchievedRate, result.Total.Errors, result.Total.Dropped, result.Stopped);
        return result;
    }

    /// <summary>Breaks requests past their timeout, and after a stop's grace period every request still in flight.</summary>
    private static void Watchdog(LoadLane[] lanes, RunClock clock)
    {
        var now = Stopwatch.GetTimestamp();
        var forStop = clock.StopRequested && now >= clock.EndTimestamp + RunClock.ToTicks(StopGrace);
        foreach (var lane in lanes)
        {
            lane.AbortIfOverdue(now, forStop);
        }
    }

    /// <summary>Slots due in the window that no lane ever took (every lane was busy until the end) count as dropped.</summary>
    private static void CountUnsentSlots(RunClock clock, TargetRun[] targets, long finishedAt)
    {
        if (clock.Schedule is not { } schedule)
        {
            return;
        }

        var firstInWindow = (long)Math.Ceiling(schedule.SlotsBefore(clock.SecondsSinceStart(clock.WindowStartTimestamp)));
        var dueBeforeEnd = Math.Min(clock.SlotLimit, (long)Math.Ceiling(schedule.SlotsBefore(clock.SecondsSinceStart(finishedAt))));
        foreach (var target in targets)
        {
            var from = Math.Max(target.Gate.Taken, firstInWindow);
            var n = target.Requests.Length;
            for (var k = 0; k < n && from < dueBeforeEnd; k++)
            {
                // Slots s in [from, dueBeforeEnd) with s % n == k use payload k.
                var first = from + (((k - (from % n)) % n) + n) % n;
                var count = first < dueBeforeEnd ? ((dueBeforeEnd - 1 - first) / n) + 1 : 0;
                target.ByEndpoint[target.Requests[k].EndpointIndex].RecordDropped(count);
            }
        }
    }

    private static LoadRunResult BuildResult(LoadPlan plan, TargetRun[] targets, string[] endpoints, RunClock clock, DateTimeOffset startedAt, double windowSeconds, bool stopped)
    {
        var total = new LoadStatsBuilder();
        var byTarget = new Dictionary<string, LoadStatsSummary>(StringComparer.Ordinal);
        var byEndpoint = endpoints.Select(_ => new LoadStatsBuilder()).ToArray();
        foreach (var target in targets)
        {
            var one = new LoadStatsBuilder();
            for (var e = 0; e < endpoints.Length; e++)
            {
                target.ByEndpoint[e].AddTo(one);
                target.ByEndpoint[e].AddTo(byEndpoint[e]);
                target.ByEndpoint[e].AddTo(total);
            }

            byTarget[target.Url] = one.Build(windowSeconds);
        }

        // With mirroring the total holds every target's requests; its rate is per target, like the plan's.
        var totalSummary = total.Build(windowSeconds) with { AchievedRate = windowSeconds > 0 ? total.Requests / windowSeconds / targets.Length : 0 };
        var windowStart = startedAt + plan.Warmup;
        double requestedRate = 0;
        if (clock.Schedule is { } schedule && windowSeconds > 0)
        {
            var windowStartSeconds = clock.SecondsSinceStart(clock.WindowStartTimestamp);
            requestedRate = (schedule.SlotsBefore(windowStartSeconds + windowSeconds) - schedule.SlotsBefore(windowStartSeconds)) / windowSeconds;
        }

        return new LoadRunResult
        {
            WindowStart = windowStart,
            WindowEnd = windowStart + TimeSpan.FromSeconds(windowSeconds),
            RequestedRate = requestedRate,
            Tag = string.IsNullOrWhiteSpace(plan.Tag) ? null : plan.Tag,
            Stopped = stopped,
            GeneratorLatenessLimit = plan.GeneratorLatenessLimit,
            GeneratorBehind = totalSummary.GeneratorLateness.ValueAtPercentile(99) > plan.GeneratorLatenessLimit.TotalMicroseconds,
            Total = totalSummary,
            ByTarget = byTarget,
            ByEndpoint = endpoints.Select((name, i) => (name, i)).ToDictionary(x => x.name, x => byEndpoint[x.i].Build(windowSeconds), StringComparer.Ordinal),
            Stages = BuildStages(plan, targets, clock, windowSeconds),
        };
    }

    /// <summary>
    /// Each stage's statistics over the part of it the run reached (a stopped run's last stage is
    /// shorter, a stage it never reached has 0 s and no requests); rates are per target like the total's.
    /// </summary>
    private static List<LoadStageResult> BuildStages(LoadPlan plan, TargetRun[] targets, RunClock clock, double windowSeconds)
    {
        var stages = new List<LoadStageResult>();
        var windowStartSeconds = clock.SecondsSinceStart(clock.WindowStartTimestamp);
        var start = 0.0;
        for (var i = 0; i < plan.Stages.Count; i++)
        {
            var stage = plan.Stages[i];
            var reached = Math.Clamp(windowSeconds - start, 0, stage.For.TotalSeconds);
            var builder = new LoadStatsBuilder();
            foreach (var target in targets)
            {
                target.ByStage[i].AddTo(builder);
            }

            var requested = reached > 0 && clock.Schedule is { } schedule
                ? (schedule.SlotsBefore(windowStartSeconds + start + reached) - schedule.SlotsBefore(windowStartSeconds + start)) / reached
                : 0;
            var stats = builder.Build(reached);
            stages.Add(new LoadStageResult(i, stage.Rate, stage.Shape, TimeSpan.FromSeconds(start), TimeSpan.FromSeconds(reached), requested, stats with { AchievedRate = stats.AchievedRate / targets.Length }));
            start += stage.For.TotalSeconds;
        }

        return stages;
    }

    private sealed record ActiveRun(RunClock Clock, TargetRun[] Targets, SlotPacer? Pacer);
}
